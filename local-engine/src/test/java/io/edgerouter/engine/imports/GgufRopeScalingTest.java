package io.edgerouter.engine.imports;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.RandomLlamaWeights;
import io.edgerouter.engine.convert.RopeScaling;
import io.edgerouter.engine.gguf.GgufFile;
import io.edgerouter.engine.gguf.GgufLlamaFixture;
import io.edgerouter.engine.gguf.GgufLlamaFixture.BytePairVocab;
import io.edgerouter.engine.gguf.GgufType;
import io.edgerouter.engine.tokenizer.ByteLevelVocab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the importer reads a GGUF file's rotary scaling, on tiny fp32 fixtures: the keys llama.cpp reads (a factor
 * without a type is linear, type none ignores it), Llama 3's four parameters, {@code rope_freqs.weight} beside them,
 * and what it refuses.
 */
class GgufRopeScalingTest {

    private static final ByteLevelVocab VOCAB = ByteLevelVocab.of(List.of(), List.of("<s>"));

    @TempDir
    Path dir;

    private static LlamaConfig tiny(RopeScaling scaling) {
        return new LlamaConfig("llama", VOCAB.size(), 32, 64, 1, 2, 1, 16, 16, 64, 10_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 0, 0).withRopeScaling(scaling);
    }

    private Path write(RopeScaling scaling, Map<String, Object> keys) {
        return GgufLlamaFixture.write(dir.resolve("rope.gguf"), new RandomLlamaWeights(tiny(scaling), 1),
                new BytePairVocab(VOCAB, "gpt-2", 0, 0, false, null), name -> GgufType.F32, keys);
    }

    private RopeScaling read(RopeScaling scaling, Map<String, Object> keys) {
        return GgufLlamaWeights.of(GgufFile.open(write(scaling, keys))).config().ropeScaling();
    }

    @Test
    void readsLinearScalingAndLlama3sFourParameters() {
        assertThat(read(RopeScaling.linear(2), Map.of())).isEqualTo(RopeScaling.linear(2));
        assertThat(read(RopeScaling.llama3(8, 1, 4, 32), Map.of())).isEqualTo(RopeScaling.llama3(8, 1, 4, 32));
        assertThat(read(RopeScaling.none(), Map.of())).isEqualTo(RopeScaling.none());
    }

    @Test
    void takesAFactorWithoutATypeAsLinearAsLlamaCppDoesAndIgnoresItUnderTypeNone() {
        assertThat(read(RopeScaling.none(), Map.of("llama.rope.scaling.factor", 4.0)))
                .isEqualTo(RopeScaling.linear(4));
        assertThat(read(RopeScaling.none(), Map.of("llama.rope.scale_linear", 3.0))).isEqualTo(RopeScaling.linear(3));
        assertThat(read(RopeScaling.none(), Map.of("llama.rope.scaling.type", "none",
                "llama.rope.scaling.factor", 4.0))).isEqualTo(RopeScaling.none());
    }

    @Test
    void runsRopeFreqsBesideLlama3ParametersThatGiveTheSameDivisorsAndRefusesOtherParameters() {
        double[] d = RopeScaling.llama3(8, 1, 4, 32).divisors(10_000.0, 16);
        float[] freqs = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            freqs[i] = (float) d[i];
        }
        Map<String, Object> llama3 = Map.of("llama.rope.scaling.type", "llama3", "llama.rope.scaling.factor", 8.0,
                "llama.rope.scaling.low_freq_factor", 1.0, "llama.rope.scaling.high_freq_factor", 4.0,
                "llama.rope.scaling.original_context_length", 32L);
        assertThat(read(RopeScaling.ofDivisors(freqs), llama3)).isEqualTo(RopeScaling.ofDivisors(freqs));
        Map<String, Object> other = new HashMap<>(llama3);
        other.put("llama.rope.scaling.factor", 16.0);
        assertThatThrownBy(() -> read(RopeScaling.ofDivisors(freqs), other)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("rope.gguf: rope_freqs.weight[").hasMessageContaining("expected them to agree");
    }

    @Test
    void refusesYarnRopeFreqsOfAnotherLengthAndRopeFreqsWithALinearFactor() {
        assertThatThrownBy(() -> read(RopeScaling.none(), Map.of("llama.rope.scaling.type", "yarn",
                "llama.rope.scaling.factor", 4.0))).isInstanceOf(ModelLoadException.class).hasMessage("rope.gguf: "
                + "llama.rope.scaling.type is yarn (YaRN, e.g. a long-context Qwen2.5 build), which the importer does"
                + " not run; expected none, linear or llama3 (or rope_freqs.weight)");
        RopeScaling eight = RopeScaling.ofDivisors(new float[] {1, 1, 2, 2, 4, 4, 8, 8});
        assertThatThrownBy(() -> read(eight, Map.of("llama.rope.dimension_count", 8L)))
                .isInstanceOf(ModelLoadException.class).hasMessage("rope.gguf: tensor rope_freqs.weight has 8 values,"
                        + " expected 4 (one divisor per rotated pair of llama.rope.dimension_count = 8)");
        assertThatThrownBy(() -> read(eight, Map.of("llama.rope.scaling.type", "linear",
                "llama.rope.scaling.factor", 2.0))).isInstanceOf(ModelLoadException.class)
                .hasMessage("rope.gguf: rope_freqs.weight and linear rotary scaling (factor 2.0) together, expected "
                        + "one of them");
    }
}
