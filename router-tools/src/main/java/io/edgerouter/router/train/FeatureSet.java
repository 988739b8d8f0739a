package io.edgerouter.router.train;

import io.edgerouter.router.feature.LexicalFeatures;
import java.util.List;

/** Which inputs a model sees: the embedding, the lexical features, or both (embedding first). */
public enum FeatureSet {
    LEXICAL(false, true), EMBEDDING(true, false), COMBINED(true, true);

    final boolean embedding;
    final boolean lexical;

    FeatureSet(boolean embedding, boolean lexical) {
        this.embedding = embedding;
        this.lexical = lexical;
    }

    /** @return (n, d) raw input rows; {@code embeddings} may be null for LEXICAL */
    double[][] matrix(List<RoutingExample> examples, float[][] embeddings) {
        double[][] x = new double[examples.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] lex = lexical ? LexicalFeatures.extract(examples.get(i).prompt()) : new float[0];
            float[] emb = embedding ? embeddings[i] : new float[0];
            double[] row = new double[emb.length + lex.length];
            for (int j = 0; j < emb.length; j++) row[j] = emb[j];
            for (int j = 0; j < lex.length; j++) row[emb.length + j] = lex[j];
            x[i] = row;
        }
        return x;
    }
}
