package io.edgerouter.engine.imports;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.RopeScaling;
import io.edgerouter.engine.gguf.GgufFile;
import io.edgerouter.engine.gguf.GgufTensor;

import java.util.Optional;

/**
 * The rotary scaling of a GGUF file, read as llama.cpp reads it: {@code rope_freqs.weight} (one divisor per rotated
 * pair, which llama.cpp's converter writes for Llama 3.1+ instead of Llama 3's parameters) and
 * {@code <arch>.rope.scaling.type} with its {@code factor} (or the older {@code rope.scale_linear}); a factor without
 * a type is linear, llama.cpp's default, and type {@code none} ignores any factor. Type {@code llama3} with
 * {@code factor}, {@code low_freq_factor}, {@code high_freq_factor} and {@code original_context_length} is accepted
 * too (written by other tools, not by llama.cpp). YaRN and LongRoPE are refused.
 */
final class GgufRopeScaling {

    static final String FREQS = "rope_freqs.weight";

    private GgufRopeScaling() {
    }

    static RopeScaling read(GgufFile g, int ropeDims) {
        String typeKey = g.arch("rope.scaling.type");
        Optional<String> type = g.optionalString(typeKey);
        Optional<Double> factor = g.optionalReal(g.arch("rope.scaling.factor"))
                .or(() -> g.optionalReal(g.arch("rope.scale_linear")));
        Optional<GgufTensor> freqs = g.optionalTensor(FREQS);
        String kind = type.orElse("linear");
        switch (kind) {
            case "none":
                return freqs.isPresent() ? divisors(g, freqs.get(), ropeDims) : RopeScaling.none();
            case "linear":
                if (factor.isEmpty() || factor.get() == 0 || factor.get() == 1) {
                    return freqs.isPresent() ? divisors(g, freqs.get(), ropeDims) : RopeScaling.none();
                }
                if (freqs.isPresent()) {
                    throw new ModelLoadException(g.name() + ": " + FREQS + " and linear rotary scaling (factor "
                            + factor.get() + ") together, expected one of them");
                }
                return RopeScaling.linear(factor.get());
            case "llama3":
                return llama3(g, freqs, ropeDims);
            default:
                throw new ModelLoadException(g.name() + ": " + typeKey + " is " + kind + (kind.equals("yarn")
                        ? " (YaRN, e.g. a long-context Qwen2.5 build)" : "") + ", which the importer does not run;"
                        + " expected none, linear or llama3 (or " + FREQS + ")");
        }
    }

    /** Llama 3's parameters; with {@code rope_freqs.weight} beside them, the tensor runs and must agree. */
    private static RopeScaling llama3(GgufFile g, Optional<GgufTensor> freqs, int ropeDims) {
        RopeScaling llama3 = RopeScaling.llama3(real(g, "rope.scaling.factor"),
                real(g, "rope.scaling.low_freq_factor"), real(g, "rope.scaling.high_freq_factor"),
                (int) g.integer(g.arch("rope.scaling.original_context_length")));
        if (freqs.isEmpty()) {
            return llama3;
        }
        RopeScaling given = divisors(g, freqs.get(), ropeDims);
        double theta = g.optionalReal(g.arch("rope.freq_base")).orElse(10_000.0);
        double[] expected = llama3.divisors(theta, ropeDims);
        double[] actual = given.divisors(theta, ropeDims);
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > 1e-4 * expected[i]) {
                throw new ModelLoadException(g.name() + ": " + FREQS + "[" + i + "] is " + actual[i] + " but the"
                        + " file's llama3 rotary scaling " + llama3 + " gives " + expected[i]
                        + ", expected them to agree");
            }
        }
        return given;
    }

    private static RopeScaling divisors(GgufFile g, GgufTensor t, int ropeDims) {
        if (t.elementCount() != ropeDims / 2) {
            throw new ModelLoadException(g.name() + ": tensor " + FREQS + " has " + t.elementCount() + " values,"
                    + " expected " + ropeDims / 2 + " (one divisor per rotated pair of "
                    + g.arch("rope.dimension_count") + " = " + ropeDims + ")");
        }
        try {
            return RopeScaling.ofDivisors(t.toFloats());
        } catch (ModelLoadException e) {
            throw new ModelLoadException(g.name() + ": tensor " + FREQS + ": " + e.getMessage(), e);
        }
    }

    private static double real(GgufFile g, String suffix) {
        return g.real(g.arch(suffix));
    }
}
