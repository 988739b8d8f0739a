package io.edgerouter.engine.convert;

import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX Runtime runs what {@link LlamaOnnx} wrote; {@link LlamaReference} says what the logits must be. */
class LlamaOnnxTest {

    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    @Test
    void stories260kLogitsMatchTheReferenceInOnePass() throws Exception {
        Llama2cCheckpoint weights = stories260k();
        int[] prompt = prompt(20, 512, 11);
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults());
        try (OrtDecoder ort = new OrtDecoder(tmp, weights.config())) {
            float[][] actual = ort.run(prompt, ones(prompt.length), range(0, prompt.length)).logits();
            assertThat(maxAbsDiff(actual, new LlamaReference(weights).logits(prompt))).isLessThan(TOLERANCE);
        }
    }

    @Test
    void stories260kDecodingOneTokenAtATimeThroughPastAndPresentEqualsOnePass() throws Exception {
        Llama2cCheckpoint weights = stories260k();
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults());
        assertIncrementalEqualsOnePass(tmp, weights.config(), prompt(20, 512, 12));
    }

    @Test
    void stories260kIgnoresAMaskedPastSlotHoldingAnUnrelatedTokensKeysAndValues() throws Exception {
        Llama2cCheckpoint weights = stories260k();
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults());
        assertMaskedSlotIsIgnored(tmp, weights.config(), prompt(16, 512, 13), 77);
    }

    @Test
    void halfRopeBiasesUntiedHeadGroupedQueriesAndPartialRopeMatchTheReference() throws Exception {
        LlamaConfig c = new LlamaConfig("qwen2", 97, 48, 80, 3, 6, 2, 16, 8, 64, 10000.0,
                LlamaConfig.RopeStyle.HALF, 1e-6, true, false, 1, 2);
        RandomLlamaWeights weights = new RandomLlamaWeights(c, 42);
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults());
        int[] prompt = prompt(20, c.vocabSize(), 14);
        try (OrtDecoder ort = new OrtDecoder(tmp, c)) {
            float[][] actual = ort.run(prompt, ones(prompt.length), range(0, prompt.length)).logits();
            assertThat(maxAbsDiff(actual, new LlamaReference(weights).logits(prompt))).isLessThan(TOLERANCE);
        }
        assertIncrementalEqualsOnePass(tmp, c, prompt);
        assertMaskedSlotIsIgnored(tmp, c, prompt, 5);
    }

    @Test
    void interleavedPartialRopeWithoutGroupingMatchesTheReference() throws Exception {
        LlamaConfig c = new LlamaConfig("llama", 61, 32, 48, 2, 2, 2, 16, 12, 40, 500000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 1, 2);
        RandomLlamaWeights weights = new RandomLlamaWeights(c, 43);
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults());
        int[] prompt = prompt(20, c.vocabSize(), 15);
        try (OrtDecoder ort = new OrtDecoder(tmp, c)) {
            float[][] actual = ort.run(prompt, ones(prompt.length), range(0, prompt.length)).logits();
            assertThat(maxAbsDiff(actual, new LlamaReference(weights).logits(prompt))).isLessThan(TOLERANCE);
        }
    }

    static void assertIncrementalEqualsOnePass(Path dir, LlamaConfig c, int[] tokens) throws Exception {
        try (OrtDecoder ort = new OrtDecoder(dir, c)) {
            float[][] onePass = ort.run(tokens, ones(tokens.length), range(0, tokens.length)).logits();
            OrtDecoder.Step step = null;
            for (int t = 0; t < tokens.length; t++) {
                step = ort.run(new int[] {tokens[t]}, ones(t + 1), new long[] {t}, step);
                assertThat(step.keys()[0]).hasSize((t + 1) * c.kvHeads() * c.headDim());
                assertThat(maxAbsDiff(step.logits(), new float[][] {onePass[t]})).as("position %d", t)
                        .isLessThan(TOLERANCE);
            }
        }
    }

    /**
     * The engine's rollback: slot {@code at} of the cache holds K/V of {@code garbage}, an unrelated token; with
     * attention_mask 0 there and position_ids continuing from the logical position, the following tokens must see
     * exactly the sequence without that slot.
     */
    static void assertMaskedSlotIsIgnored(Path dir, LlamaConfig c, int[] tokens, int garbage) throws Exception {
        int at = tokens.length / 2;
        try (OrtDecoder ort = new OrtDecoder(dir, c)) {
            float[][] expected = ort.run(tokens, ones(tokens.length), range(0, tokens.length)).logits();
            int[] head = Arrays.copyOf(tokens, at + 1);
            head[at] = garbage;
            OrtDecoder.Step cached = ort.run(head, ones(at + 1), range(0, at + 1));
            int[] rest = Arrays.copyOfRange(tokens, at, tokens.length);
            long[] mask = ones(at + 1 + rest.length);
            mask[at] = 0;
            float[][] actual = ort.run(rest, mask, range(at, tokens.length), cached).logits();
            assertThat(maxAbsDiff(actual, Arrays.copyOfRange(expected, at, tokens.length))).isLessThan(TOLERANCE);
            float[][] unmasked = ort.run(rest, ones(mask.length), range(at, tokens.length), cached).logits();
            assertThat(maxAbsDiff(unmasked, Arrays.copyOfRange(expected, at, tokens.length)))
                    .as("the garbage slot matters when it is not masked").isGreaterThan(1e-3);
        }
    }

    static Llama2cCheckpoint stories260k() {
        return Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin"));
    }

    /** BOS (1) then seeded random ids. */
    static int[] prompt(int n, int vocab, long seed) {
        Random rng = new Random(seed);
        int[] tokens = new int[n];
        tokens[0] = 1;
        for (int i = 1; i < n; i++) {
            tokens[i] = rng.nextInt(vocab);
        }
        return tokens;
    }

    static long[] ones(int n) {
        long[] v = new long[n];
        Arrays.fill(v, 1);
        return v;
    }

    static long[] range(int from, int to) {
        long[] v = new long[to - from];
        for (int i = 0; i < v.length; i++) {
            v[i] = from + i;
        }
        return v;
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i].length).isEqualTo(b[i].length);
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
