/**
 * Imports of models from other formats into the ONNX directory layout the engine runs.
 *
 * <p>A reader hands out {@link io.edgerouter.engine.convert.LlamaWeights} lazily (today
 * {@link io.edgerouter.engine.convert.Llama2cCheckpoint}); {@link io.edgerouter.engine.convert.LlamaOnnx} writes them
 * as {@code model.onnx} + {@code model.onnx.data} + {@code config.json}, one tensor at a time, optionally quantizing
 * projections through a {@link io.edgerouter.engine.convert.LinearQuantizer};
 * {@link io.edgerouter.engine.convert.ImportCache} makes that happen once per source content.
 * {@link io.edgerouter.engine.convert.LlamaReference} is the plain-Java forward pass the written graphs are checked
 * against.
 */
package io.edgerouter.engine.convert;
