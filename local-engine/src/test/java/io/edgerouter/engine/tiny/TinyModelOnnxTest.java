package io.edgerouter.engine.tiny;

import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.model.CausalLm;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TinyModelOnnxTest {

    private static final int V = TinyModelSpec.VOCAB;

    @Test
    void onnxLogitsEqualTheReferenceForwardPassWithin1e4() {
        TinyWeights weights = TinyWeights.random(TinyFixture.SPEC);
        int[] tokens = randomTokensWithRepeats(40, 3);
        assertOnnxMatchesReference(TinyFixture.pair().target(), new TinyReference(weights), tokens);
    }

    @Test
    void draftIsTheTargetWithLayersSkippedAndMatchesItsReference() {
        TinyWeights weights = TinyWeights.random(TinyFixture.SPEC);
        assertThat(weights.draft().layers()).hasSize(TinyFixture.SPEC.draftLayers());
        assertOnnxMatchesReference(TinyFixture.pair().draft(), new TinyReference(weights.draft()),
                randomTokensWithRepeats(30, 5));
    }

    @Test
    void generationIsDeterministicAndWritesTheOptimumLayout() throws Exception {
        Path dir = Files.createTempDirectory("tiny");
        TinyModels.Pair again = TinyModels.generate(dir, TinyFixture.SPEC);
        for (String f : new String[] {"model.onnx", "config.json", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json"}) {
            assertThat(again.target().resolve(f)).exists();
        }
        boolean identical = java.util.Arrays.equals(Files.readAllBytes(again.target().resolve("model.onnx")),
                Files.readAllBytes(TinyFixture.pair().target().resolve("model.onnx")));
        assertThat(identical).as("regenerated model.onnx is byte-identical").isTrue();
    }

    @Test
    void copyHeadPredictsTheTokenThatFollowedThePreviousOccurrence() {
        TinyReference reference = new TinyReference(TinyWeights.random(TinyFixture.SPEC));
        int[] text = "the quick brown fox jumps over the lazy dog; the quick brown fox jumps".chars().toArray();
        float[][] logits = reference.forward(text);
        int copied = 0;
        int checked = 0;
        for (int t = 40; t < text.length - 1; t++) { // second half repeats the first: copying predicts it
            checked++;
            int best = 0;
            for (int v = 1; v < V; v++) {
                best = logits[t][v] > logits[t][best] ? v : best;
            }
            copied += best == text[t + 1] ? 1 : 0;
        }
        assertThat(copied).isGreaterThan(checked / 2);
    }

    private static void assertOnnxMatchesReference(Path dir, TinyReference reference, int[] tokens) {
        float[][] expected = reference.forward(tokens);
        try (CausalLm model = CausalLm.load(dir, 1); KvCache cache = model.newCache()) {
            float[] actual = model.forward(tokens, cache, tokens.length); // (seq, vocab)
            for (int t = 0; t < tokens.length; t++) {
                for (int v = 0; v < V; v++) {
                    assertThat(actual[t * V + v]).as("position %d token %d", t, v)
                            .isCloseTo(expected[t][v], within(1e-4f));
                }
            }
        }
    }

    static int[] randomTokensWithRepeats(int n, long seed) {
        Random rng = new Random(seed);
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = i >= 8 && rng.nextInt(3) == 0 ? tokens[i - 8] : rng.nextInt(V);
        }
        return tokens;
    }
}
