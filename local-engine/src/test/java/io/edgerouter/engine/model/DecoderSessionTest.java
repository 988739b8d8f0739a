package io.edgerouter.engine.model;

import io.edgerouter.engine.BudgetExceededException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.kv.KvCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecoderSessionTest {

    private static CausalLm model;

    @BeforeAll
    static void load() {
        model = CausalLm.load(TinyFixture.pair().target(), 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void cachedIncrementalDecodingEqualsFullRecomputation() {
        int[] tokens = tokens(48, 1);
        int v = model.vocabSize();
        float[] full;
        try (KvCache cache = model.newCache()) {
            full = model.forward(tokens, cache, tokens.length); // (seq, vocab)
        }
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            float[] chunk = session.append(Arrays.copyOf(tokens, 10), 10); // a prefill chunk, then one at a time
            assertRowsClose(chunk, 0, full, 0, 10 * v);
            for (int t = 10; t < tokens.length; t++) {
                float[] row = session.append(tokens[t]);
                assertRowsClose(row, 0, full, t * v, v);
            }
            assertThat(session.length()).isEqualTo(tokens.length);
        }
    }

    @Test
    void longPromptsArePrefilledInChunksWithTheSameResult() {
        int[] tokens = tokens(DecoderSession.PREFILL_CHUNK * 2 + 37, 8);
        int v = model.vocabSize();
        float[] onePass;
        try (KvCache cache = model.newCache()) {
            onePass = model.forward(tokens, cache, 3); // last 3 rows, (3, vocab)
        }
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            long runsBefore = model.runs();
            float[] chunked = session.append(tokens, 3);
            assertThat(model.runs() - runsBefore).isEqualTo(3);
            assertRowsClose(chunked, 0, onePass, 0, 3 * v);
        }
    }

    @Test
    void rollbackLeavesTheCacheExactlyAsBefore() {
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            session.append(tokens(20, 2), 1);
            float[][] before = session.cache().snapshot();
            float[] logitsBefore = session.append(7);
            session.truncate(20);
            session.append(tokens(6, 3), 6); // a rejected draft
            session.truncate(20);
            assertThat(session.cache().snapshot()).isDeepEqualTo(before);
            assertThat(session.length()).isEqualTo(20);
            assertThat(session.append(7)).containsExactly(logitsBefore);
        }
    }

    @Test
    void rollbackToNothingStartsAFreshSequence() {
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited());
             DecoderSession fresh = new DecoderSession(model, EngineLimits.unlimited())) {
            session.append(tokens(12, 9), 1);
            session.truncate(0);
            assertThat(session.cache().length()).isZero();
            assertThat(session.cache().snapshot()[0]).isEmpty();
            int[] next = tokens(5, 10);
            assertThat(session.append(next, 5)).containsExactly(fresh.append(next, 5));
        }
    }

    @Test
    void extendToReusesTheCachedPrefixAndOnlyRunsNewTokens() {
        int[] turn1 = tokens(30, 4);
        int[] turn2 = Arrays.copyOf(turn1, 40);
        System.arraycopy(tokens(10, 5), 0, turn2, 30, 10);
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited());
             DecoderSession fresh = new DecoderSession(model, EngineLimits.unlimited())) {
            session.extendTo(turn1, 1);
            assertThat(session.length()).isEqualTo(30);
            float[] reused = session.extendTo(turn2, 1);
            float[] recomputed = fresh.extendTo(turn2, 1);
            assertRowsClose(reused, 0, recomputed, 0, model.vocabSize());
            int[] diverging = Arrays.copyOf(turn1, 25);
            diverging[24] = (turn1[24] + 1) % model.vocabSize();
            session.extendTo(diverging, 1);
            assertThat(session.tokens()).containsExactly(diverging);
        }
    }

    @Test
    void rejectsPromptLongerThanTheContextBudget() {
        try (DecoderSession session = new DecoderSession(model, new EngineLimits(16, Long.MAX_VALUE))) {
            assertThatThrownBy(() -> session.extendTo(tokens(17, 6), 1))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("17 tokens").hasMessageContaining("context limit of 16");
        }
    }

    @Test
    void rejectsPromptLongerThanTheModelContext() {
        int max = model.config().maxPositions();
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            assertThatThrownBy(() -> session.extendTo(tokens(max + 1, 6), 1))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("max_position_embeddings " + max);
        }
    }

    @Test
    void rejectsPromptOverTheKvByteBudget() {
        long perToken = model.signature().kvBytesPerToken();
        try (DecoderSession session = new DecoderSession(model, new EngineLimits(1000, perToken * 10))) {
            session.extendTo(tokens(10, 7), 1);
            assertThatThrownBy(() -> session.append(1))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("KV-cache bytes").hasMessageContaining(String.valueOf(perToken * 10));
        }
    }

    @Test
    void rejectsEmptyPrompt() {
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            assertThatThrownBy(() -> session.extendTo(new int[0], 1))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty prompt");
        }
    }

    private static void assertRowsClose(float[] actual, int aOff, float[] expected, int eOff, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(actual[aOff + i]).as("logit %d", i).isCloseTo(expected[eOff + i], within(1e-4f));
        }
    }

    private static int[] tokens(int n, long seed) {
        Random rng = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(256);
        }
        return t;
    }
}
