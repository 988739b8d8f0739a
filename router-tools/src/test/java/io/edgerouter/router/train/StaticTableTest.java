package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.StaticTokenEncoder;
import io.edgerouter.router.feature.WordPieceTokenizer;
import io.edgerouter.router.scorer.Activation;
import io.edgerouter.router.scorer.DenseLayer;
import io.edgerouter.router.scorer.ScoringModel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Folding a logistic regression over static piece vectors into one score per piece keeps every logit. */
class StaticTableTest {

    @Test
    void foldedModelGivesTheSameLogitsAsTheRegressionOverPieceVectors() {
        WordPieceTokenizer tok = WordPieceTokenizer.minilm();
        Random r = new Random(3);
        int d = 5, v = tok.vocabularySize(), lexN = LexicalFeatures.DIMENSION;
        float[][] vectors = new float[v][d];
        for (float[] row : vectors) for (int j = 0; j < d; j++) row[j] = (float) r.nextGaussian();
        StaticTable table = StaticTable.of(vectors, tok);
        List<RoutingExample> docs = List.of(new RoutingExample("What is the capital of France?", true, true, "a"),
                new RoutingExample("Prove that the square root of 2 is irrational.", false, true, "b"),
                new RoutingExample("Le café est très chaud 😀, n'est-ce pas?", true, false, "b"));
        StaticTable.Weighting weighting = table.weighting(docs, 7.5); // with the prior, which folds as well
        float[] idf = weighting.idf();
        assertThat(idf[tok.ids("france")[0]]).isGreaterThan(idf[tok.ids("the")[0]]); // "the" is in two of three

        int in = d + lexN;
        float[] mean = new float[in], scale = new float[in], w = new float[in];
        for (int j = 0; j < in; j++) {
            mean[j] = (float) r.nextGaussian();
            scale[j] = 0.5f + r.nextFloat();
            w[j] = (float) r.nextGaussian();
        }
        ScoringModel draft = new ScoringModel("draft", LexicalFeatures.NAMES, d, 1, 0, 6, mean, scale,
                List.of(new DenseLayer(in, 1, w, new float[] {0.3f}, Activation.IDENTITY)), 1.0, 0.0, Map.of());
        ScoringModel folded = TrainCommand.fold(draft, table, weighting);
        assertThat(folded.embeddingDim()).isEqualTo(1);
        assertThat(folded.tokens().size()).isEqualTo(v);
        StaticTokenEncoder enc = new StaticTokenEncoder(tok, folded.tokens());
        for (String text : List.of("What is the capital of France?", "Prove that the square root of 2 is irrational.",
                "An unseen sentence about quantum chromodynamics and torts.", "", "x".repeat(40_000))) {
            float[] lex = LexicalFeatures.extract(text);
            double before = draft.logit(table.features(text, weighting), lex);
            double after = folded.logit(enc.embed(text), lex);
            assertThat(after).as("logit of '%s'", text.length() > 40 ? text.substring(0, 40) : text)
                    .isCloseTo(before, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
