package io.edgerouter.engine.convert;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static io.edgerouter.engine.convert.LlamaOnnxTest.maxAbsDiff;
import static io.edgerouter.engine.convert.LlamaOnnxTest.ones;
import static io.edgerouter.engine.convert.LlamaOnnxTest.prompt;
import static io.edgerouter.engine.convert.LlamaOnnxTest.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Rotary scaling through the whole convert path: the divisors of Llama 3's rule, the written graph against
 * {@link LlamaReference} at positions past the original context (and against the same weights unscaled, so the
 * comparison can fail), and config.json's {@code rope_scaling} as Hugging Face spells it.
 */
class LlamaRopeScalingTest {

    @TempDir
    Path tmp;

    @Test
    void llama3DivisorsKeepHighFrequenciesDivideLowOnesAndInterpolateBetween() {
        // θ = 10000, 8 rotary dims: frequencies 1, 0.1, 0.01, 0.001, wavelengths 2π/f = 6.28, 62.8, 628.3, 6283.2.
        // HF's _compute_llama3_parameters with factor 8, low 1, high 4, original 1024: wavelengths below 1024/4 = 256
        // keep divisor 1, above 1024/1 = 1024 get 8; 628.3 lies between, s = (1024/628.32 − 1)/(4 − 1) = 0.20992,
        // divisor 1/((1 − s)/8 + s) = 3.2396418
        double[] divisors = RopeScaling.llama3(8, 1, 4, 1024).divisors(10_000, 8);
        assertThat(divisors[0]).isEqualTo(1.0);
        assertThat(divisors[1]).isEqualTo(1.0);
        assertThat(divisors[2]).isCloseTo(3.2396418468652604, within(1e-12));
        assertThat(divisors[3]).isEqualTo(8.0);
        assertThat(RopeScaling.linear(2.5).divisors(10_000, 8)).containsOnly(2.5);
        assertThat(RopeScaling.ofDivisors(new float[] {1, 2, 3, 4}).divisors(10_000, 8)).containsExactly(1, 2, 3, 4);
    }

    /** Small models whose every rotary regime is in play within 48 positions. */
    static Stream<LlamaConfig> scaledModels() {
        // θ = 10000, 16 dims: wavelengths 6.3, 19.9, 62.8, … With llama3 (factor 4, low 1, high 4, original 32),
        // 6.3 < 8 keeps 1, 19.9 is interpolated, the rest (> 32) are divided by 4
        LlamaConfig llama3 = new LlamaConfig("llama", 61, 32, 48, 2, 4, 2, 16, 16, 64, 10_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, false, 1, 2)
                .withRopeScaling(RopeScaling.llama3(4, 1, 4, 32));
        LlamaConfig linear = new LlamaConfig("qwen2", 61, 48, 80, 2, 6, 2, 16, 16, 64, 10_000.0,
                LlamaConfig.RopeStyle.HALF, 1e-6, true, true, 1, 2).withRopeScaling(RopeScaling.linear(3));
        // partial rotation: 12 of 16 dims, so 6 divisors
        LlamaConfig divisors = new LlamaConfig("llama", 61, 32, 48, 2, 4, 1, 16, 12, 64, 500_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 1, 2)
                .withRopeScaling(RopeScaling.ofDivisors(new float[] {1, 1.5f, 3, 8, 8, 8}));
        return Stream.of(llama3, linear, divisors);
    }

    @ParameterizedTest
    @MethodSource("scaledModels")
    void onnxRuntimeMatchesTheReferencePastTheOriginalContextAndDiffersFromTheUnscaledModel(LlamaConfig c)
            throws Exception {
        RandomLlamaWeights scaled = new RandomLlamaWeights(c, 7);
        RandomLlamaWeights unscaled = new RandomLlamaWeights(c.withRopeScaling(RopeScaling.none()), 7);
        int[] tokens = prompt(48, c.vocabSize(), 8);
        LlamaOnnx.write(scaled, tmp.resolve("scaled"), LlamaOnnx.Options.defaults());
        LlamaOnnx.write(unscaled, tmp.resolve("unscaled"), LlamaOnnx.Options.defaults());
        float[][] actual;
        float[][] plain;
        try (OrtDecoder ort = new OrtDecoder(tmp.resolve("scaled"), c);
             OrtDecoder ortPlain = new OrtDecoder(tmp.resolve("unscaled"), c)) {
            actual = ort.run(tokens, ones(tokens.length), range(0, tokens.length)).logits();
            plain = ortPlain.run(tokens, ones(tokens.length), range(0, tokens.length)).logits();
        }
        float[][] reference = new LlamaReference(scaled).logits(tokens);
        float[][] late = Arrays.copyOfRange(actual, 32, tokens.length);
        assertThat(maxAbsDiff(late, Arrays.copyOfRange(reference, 32, tokens.length)))
                .as("positions 32..47").isLessThan(1e-4);
        assertThat(maxAbsDiff(actual, reference)).isLessThan(1e-4);
        assertThat(maxAbsDiff(plain, new LlamaReference(unscaled).logits(tokens))).isLessThan(1e-4);
        assertThat(maxAbsDiff(actual, plain)).as("scaling changes the logits").isGreaterThan(1e-2);
        LlamaOnnxTest.assertIncrementalEqualsOnePass(tmp.resolve("scaled"), c, tokens);
    }

    @Test
    void writesLlama3ScalingAsHfsRopeScalingAndTheEngineReadsItsType() throws Exception {
        LlamaConfig c = scaledModels().findFirst().orElseThrow();
        LlamaOnnx.write(new RandomLlamaWeights(c, 3), tmp, LlamaOnnx.Options.defaults());
        JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve("config.json"))).getAsJsonObject();
        // Llama-3.2's config.json spells it {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0,
        // "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}
        assertThat(json.get("rope_scaling")).isEqualTo(JsonParser.parseString("{\"rope_type\": \"llama3\", "
                + "\"factor\": 4.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, "
                + "\"original_max_position_embeddings\": 32}"));
        assertThat(ModelConfig.read(tmp).ropeScaling()).isEqualTo("llama3");
    }

    @Test
    void writesLinearScalingAsHfsLinearAndGivenDivisorsAsLongropeWithTheSameFactorsThroughout() {
        LlamaConfig base = new LlamaConfig("llama", 61, 32, 48, 2, 4, 2, 16, 8, 64, 10_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 1, 2);
        JsonObject linear = LlamaOnnx.config(base.withRopeScaling(RopeScaling.linear(2)), LlamaOnnx.Options.defaults());
        assertThat(linear.get("rope_scaling")).isEqualTo(JsonParser.parseString(
                "{\"rope_type\": \"linear\", \"factor\": 2.0}"));
        JsonObject given = LlamaOnnx.config(base.withRopeScaling(RopeScaling.ofDivisors(new float[] {1, 2, 4, 8})),
                LlamaOnnx.Options.defaults());
        // HF's longrope divides frequency i by short_factor[i] (long_factor[i] past the original context) and scales
        // cos/sin by attention_factor: equal factors, attention 1 and original = max positions divide exactly
        assertThat(given.get("rope_scaling")).isEqualTo(JsonParser.parseString("{\"rope_type\": \"longrope\", "
                + "\"short_factor\": [1.0, 2.0, 4.0, 8.0], \"long_factor\": [1.0, 2.0, 4.0, 8.0], "
                + "\"original_max_position_embeddings\": 64, \"factor\": 1.0, \"attention_factor\": 1.0}"));
        assertThat(LlamaOnnx.config(base, LlamaOnnx.Options.defaults()).has("rope_scaling")).isFalse();
    }

    @Test
    void refusesDivisorsThatAreNotOnePerRotatedPairAndLlama3ParametersOutOfOrder() {
        LlamaConfig base = new LlamaConfig("llama", 61, 32, 48, 2, 4, 2, 16, 12, 64, 10_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 1, 2);
        assertThatThrownBy(() -> base.withRopeScaling(RopeScaling.ofDivisors(new float[8])))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("rotary frequency divisor 0 is 0.0");
        assertThatThrownBy(() -> base.withRopeScaling(RopeScaling.ofDivisors(new float[] {1, 1, 1, 1, 1, 1, 1, 1})))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("8 rotary frequency divisors for 12 rotary dimensions, expected 6 (one per rotated pair)");
        assertThatThrownBy(() -> RopeScaling.llama3(8, 4, 1, 8192)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("0 < low_freq_factor < high_freq_factor");
        assertThatThrownBy(() -> RopeScaling.linear(0)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("must be positive");
    }
}
