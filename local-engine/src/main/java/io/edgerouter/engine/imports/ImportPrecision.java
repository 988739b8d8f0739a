package io.edgerouter.engine.imports;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.LlamaOnnx;
import io.edgerouter.engine.quant.WeightQuantizer;
import io.edgerouter.engine.source.ModelSource;

import java.util.Locale;

/**
 * How an import stores its projections, chosen by the model's {@code dtype} setting: {@code as-is} (default: fp32,
 * and GGUF Q4_0/Q8_0 blocks kept exactly), or {@code int8} / {@code int4} (every dense projection and the head
 * quantized to MatMulNBits blocks of 32; embeddings and norms stay fp32). Part of the import cache key.
 */
public enum ImportPrecision {
    AS_IS, INT8, INT4;

    static ImportPrecision of(ModelSource source) {
        return parse(source.dtype().orElse("as-is"), "the import of " + source.path());
    }

    /**
     * {@code as-is} (also {@code fp32}, {@code keep}), {@code int8} ({@code q8}) or {@code int4} ({@code q4}).
     *
     * @param what what the value is for, named in the error
     */
    public static ImportPrecision parse(String dtype, String what) {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "as-is", "fp32", "keep" -> AS_IS;
            case "int8", "q8" -> INT8;
            case "int4", "q4" -> INT4;
            default -> throw new ModelLoadException("dtype '" + dtype + "' for " + what
                    + ": expected as-is, int8 or int4");
        };
    }

    /** The cache key's suffix. */
    String variant() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How {@link LlamaOnnx} writes projections at this precision. */
    public LlamaOnnx.Options options() {
        return switch (this) {
            case AS_IS -> LlamaOnnx.Options.defaults();
            case INT8 -> LlamaOnnx.Options.quantized(WeightQuantizer.int8(32)).withQuantizedHead();
            case INT4 -> LlamaOnnx.Options.quantized(WeightQuantizer.int4(32)).withQuantizedHead();
        };
    }
}
