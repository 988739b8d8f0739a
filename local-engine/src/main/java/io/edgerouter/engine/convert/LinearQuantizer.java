package io.edgerouter.engine.convert;

/**
 * Turns a dense projection into MatMulNBits blocks while a model is written ({@link LlamaOnnx.Options}); bits and
 * block size are the implementation's choice. The result must keep the weight's (rows, cols).
 */
@FunctionalInterface
public interface LinearQuantizer {

    /** @param weight (rows = out features, cols = in features) */
    Linear.Blocked quantize(Linear.Dense weight);
}
