package io.edgerouter.engine.model;

import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.PrefillStats;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.source.ModelResolver;
import io.edgerouter.engine.source.ModelSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link DecoderSession#prefill}'s statistics against a reference computed here, naively (two passes per row, in
 * double), from the logits of one plain forward pass over the whole prompt; on the generated tiny model, the real
 * exporter graphs (fp16 logits, a 32,000-token vocabulary; GPT-2's past graph) and the trained stories260K.
 */
class PrefillStatsTest {

    @TempDir
    static Path imports;

    private static CausalLm tiny;

    @BeforeAll
    static void load() {
        tiny = CausalLm.load(TinyFixture.pair().target(), 1);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    /** (mean surprisal of tokens[from + 1 ..], entropy after the last token) from all-rows logits (seq, vocab). */
    static double[] reference(float[] logits, int[] tokens, int from, int vocab) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < tokens.length - 1; i++) {
            sum += -logSoftmax(logits, i * vocab, vocab)[tokens[i + 1]];
            n++;
        }
        double[] last = logSoftmax(logits, (tokens.length - 1) * vocab, vocab);
        double entropy = 0;
        for (double lp : last) {
            entropy -= Math.exp(lp) * lp;
        }
        return new double[] {n == 0 ? Double.NaN : sum / n, entropy, n};
    }

    private static double[] logSoftmax(float[] logits, int offset, int vocab) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double z = 0;
        for (int v = 0; v < vocab; v++) {
            z += Math.exp(logits[offset + v] - max);
        }
        double[] out = new double[vocab];
        for (int v = 0; v < vocab; v++) {
            out[v] = logits[offset + v] - max - Math.log(z);
        }
        return out;
    }

    private static float[] allRows(CausalLm model, int[] tokens) {
        try (KvCache cache = model.newCache()) {
            return model.forward(tokens, cache, tokens.length);
        }
    }

    private static void assertMatchesReference(CausalLm model, int[] prompt) {
        double[] ref = reference(allRows(model, prompt), prompt, 0, model.vocabSize());
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            PrefillStats stats = session.prefill(prompt);
            assertThat(stats.positions()).isEqualTo(prompt.length - 1);
            assertThat(stats.reused()).isZero();
            assertThat(stats.meanSurprisal()).isCloseTo(ref[0], within(1e-3));
            assertThat(stats.firstTokenEntropy()).isCloseTo(ref[1], within(1e-3));
            assertThat(session.tokens()).containsExactly(prompt);
        }
    }

    @Test
    void statsOfAChunkedPrefillEqualTheReferenceOfOnePlainPass() {
        int[] prompt = tokens(DecoderSession.PREFILL_CHUNK * 2 + 37, 3, tiny.vocabSize());
        assertMatchesReference(tiny, prompt);
    }

    @Test
    void aReusedPrefixIsNotRecomputedAndTheMeanCoversTheComputedPositions() {
        int[] prompt = tokens(60, 4, tiny.vocabSize());
        double[] ref = reference(allRows(tiny, prompt), prompt, 25, tiny.vocabSize());
        try (DecoderSession session = new DecoderSession(tiny, EngineLimits.unlimited())) {
            session.extendTo(Arrays.copyOf(prompt, 25), 1); // an earlier turn left 25 tokens
            long runs = tiny.runs();
            PrefillStats stats = session.prefill(prompt);
            assertThat(tiny.runs() - runs).isEqualTo(1);
            assertThat(stats.reused()).isEqualTo(25);
            // tokens 25..59 were fed; row 25 predicts 26, …: 34 scored positions (token 25's row is cached)
            assertThat(stats.positions()).isEqualTo(34).isEqualTo((int) ref[2]);
            assertThat(stats.meanSurprisal()).isCloseTo(ref[0], within(1e-3));
            assertThat(stats.firstTokenEntropy()).isCloseTo(ref[1], within(1e-3));
        }
    }

    @Test
    void aOneTokenPromptHasAnEntropyButNoSurprisal() {
        int[] prompt = {7};
        double[] ref = reference(allRows(tiny, prompt), prompt, 0, tiny.vocabSize());
        try (DecoderSession session = new DecoderSession(tiny, EngineLimits.unlimited())) {
            PrefillStats stats = session.prefill(prompt);
            assertThat(stats.meanSurprisal()).isNaN();
            assertThat(stats.positions()).isZero();
            assertThat(stats.firstTokenEntropy()).isCloseTo(ref[1], within(1e-4));
        }
    }

    @Test
    void theContinuationReusesThePrefillsLastLogitsWithoutAnotherPass() {
        int[] prompt = tokens(40, 5, tiny.vocabSize());
        float[] expected;
        try (DecoderSession plain = new DecoderSession(tiny, EngineLimits.unlimited())) {
            expected = plain.extendTo(concat(prompt, 11, 12), 3); // the prompt's last row + two draft rows
        }
        try (DecoderSession session = new DecoderSession(tiny, EngineLimits.unlimited())) {
            session.prefill(prompt);
            long runs = tiny.runs();
            float[] same = session.extendTo(prompt, 1);
            assertThat(tiny.runs() - runs).isZero();
            float[] withDraft = session.extendTo(concat(prompt, 11, 12), 3);
            assertThat(tiny.runs() - runs).isEqualTo(1); // only the draft was fed
            assertThat(session.length()).isEqualTo(prompt.length + 2);
            for (int i = 0; i < withDraft.length; i++) {
                assertThat(withDraft[i]).isCloseTo(expected[i], within(1e-4f));
            }
            assertThat(Arrays.copyOf(withDraft, same.length)).containsExactly(same);
        }
    }

    @Test
    void realExporterGraphsWithFp16LogitsAndALargeVocabulary() {
        for (String dir : new String[] {"onnx/ort-genai-tiny-random-llama-fp16", "onnx/ort-genai-tiny-random-gpt2-fp32"}) {
            Path path = SharedModels.file(dir);
            try (CausalLm model = CausalLm.load(ModelResolver.standard().resolve(ModelSource.of(path), path), 1)) {
                int[] prompt = tokens(DecoderSession.PREFILL_CHUNK + 20, 6, model.vocabSize());
                assertMatchesReference(model, prompt);
            }
        }
    }

    @Test
    void theTrainedStoriesModelIsLessSurprisedByAStoryThanByShuffledTokens() {
        ModelSource src = ModelSource.of(SharedModels.file("stories260K/stories260K.bin"))
                .withTokenizer(SharedModels.file("stories260K/tok512.bin"));
        try (LocalEngine engine = LocalEngine.open(new LocalEngine.Options(src, null, EngineLimits.unlimited(), 1, imports))) {
            CausalLm model = engine.target();
            int[] story = engine.textPrompt("Once upon a time, there was a little girl named Lily. She loved to play outside.");
            assertMatchesReference(model, story);
            int[] scrambled = scramble(story, new Random(1));
            try (DecoderSession a = new DecoderSession(model, EngineLimits.unlimited());
                 DecoderSession b = new DecoderSession(model, EngineLimits.unlimited())) {
                // a real model finds its own kind of text unsurprising: the signal the router reads
                assertThat(a.prefill(story).meanSurprisal()).isLessThan(b.prefill(scrambled).meanSurprisal() - 1.0);
            }
        }
    }

    /** The same tokens after BOS, in a random order. */
    private static int[] scramble(int[] tokens, Random rng) {
        int[] out = tokens.clone();
        for (int i = out.length - 1; i > 1; i--) {
            int j = 1 + rng.nextInt(i);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    static int[] concat(int[] a, int... b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] tokens(int n, long seed, int vocab) {
        Random rng = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(Math.min(vocab, 250));
        }
        return t;
    }
}
