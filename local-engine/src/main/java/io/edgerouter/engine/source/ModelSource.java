package io.edgerouter.engine.source;

import io.edgerouter.engine.InvalidRequestException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a user points the engine at ({@code edge.engine.model}, {@code gateway.model}): a model directory or file whose
 * kind is detected from what is on disk (see {@link ModelResolver}).
 *
 * @param path      an Optimum, transformers.js or ONNX Runtime GenAI directory, a {@code .onnx} file, a GGUF file or
 *                  a llama2.c checkpoint
 * @param dtype     which graph of a transformers.js directory to run ({@code fp32}, {@code fp16}, {@code int8},
 *                  {@code uint8}, {@code quantized}, {@code q4}, {@code q4f16}, {@code bnb4}); empty = the smallest
 *                  that runs on CPU
 * @param tokenizer a {@code tokenizer.json} (or directory holding one) to use instead of the model's own, or the
 *                  llama2.c {@code tokenizer.bin} a llama2.c checkpoint needs
 */
public record ModelSource(Path path, Optional<String> dtype, Optional<Path> tokenizer) {

    public ModelSource {
        if (path == null) {
            throw new InvalidRequestException("a model path is required");
        }
        dtype = dtype == null ? Optional.empty() : dtype.map(String::strip).filter(s -> !s.isEmpty());
        tokenizer = tokenizer == null ? Optional.empty() : tokenizer;
    }

    /** The model at {@code path} with its own tokenizer and the default graph. */
    public static ModelSource of(Path path) {
        return new ModelSource(path, Optional.empty(), Optional.empty());
    }

    public ModelSource withTokenizer(Path file) {
        return new ModelSource(path, dtype, Optional.ofNullable(file));
    }

    public ModelSource withDtype(String value) {
        return new ModelSource(path, Optional.ofNullable(value), tokenizer);
    }
}
