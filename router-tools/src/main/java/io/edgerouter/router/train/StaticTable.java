package io.edgerouter.router.train;

import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.feature.StaticTokenEncoder;
import io.edgerouter.router.feature.TokenTable;
import io.edgerouter.router.feature.WordPieceTokenizer;
import io.edgerouter.router.scorer.DenseLayer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Static MiniLM, as Model2Vec distils a sentence transformer: every word piece of the vocabulary is run through
 * all-MiniLM-L6-v2 once, alone ([CLS] piece [SEP]), and its output vector kept. A text's features are then the
 * inverse-document-frequency-weighted mean of its pieces' vectors (not normalised), no transformer per request.
 * A logistic regression on those features folds into one number per piece ({@link #fold}), the {@link TokenTable}
 * that {@link StaticTokenEncoder} reads at request time.
 */
public final class StaticTable {

    /**
     * Prior weight of the shipped model, in idf units ("the" weighs 0.12, "following" 1.25, "court" 4.4, a piece no
     * training prompt has 9.1). Grouped CV cannot choose it (every MMLU prompt is long enough for the prior to barely
     * matter: APGR 0.597 at 0, 0.595 at 10, 0.592 at 30, with lr:emb@gain); it is set for short chat prompts: with
     * that model "hello" scored 0.82 without the prior and 0.45 with it.
     */
    public static final double DEFAULT_PRIOR = 30;

    private final float[][] vectors; // (vocabulary, 384)
    private final WordPieceTokenizer tokenizer;

    private StaticTable(float[][] vectors, WordPieceTokenizer tokenizer) {
        this.vectors = vectors;
        this.tokenizer = tokenizer;
    }

    /**
     * The table of the MiniLM at {@code layers} depth: read from {@code cache} when it is there and matches, else
     * computed (about a minute on two cores for 30,522 pieces) and written there.
     */
    public static StaticTable load(Path cache, int threads) {
        WordPieceTokenizer tok = WordPieceTokenizer.minilm();
        int v = tok.vocabularySize();
        float[][] vectors = cache != null && Files.isRegularFile(cache) ? read(cache, v) : null;
        if (vectors == null) {
            try (MiniLmEncoder enc = new MiniLmEncoder(1, 0, threads)) {
                vectors = new float[v][];
                long t0 = System.nanoTime();
                for (int id = 0; id < v; id++) {
                    vectors[id] = enc.pieceVector(id);
                    if ((id + 1) % 5000 == 0) {
                        System.err.printf("static table: %d/%d pieces (%.0f s)%n", id + 1, v, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            if (cache != null) write(cache, vectors);
        }
        return new StaticTable(vectors, tok);
    }

    /** An in-memory table (tests). */
    static StaticTable of(float[][] vectors, WordPieceTokenizer tokenizer) {
        return new StaticTable(vectors, tokenizer);
    }

    public int dimension() {
        return vectors[0].length;
    }

    /**
     * How a text's piece vectors are averaged: each piece weighs its inverse document frequency in the training
     * prompts, and every text is shrunk toward the training prompts' own weighted mean vector as if it also held pieces
     * of total weight {@code priorWeight} there (a text of a few pieces, a greeting, no longer takes the extreme score
     * of its rarest piece, while long texts barely move).
     */
    public record Weighting(float[] idf, double priorWeight, float[] priorVector) {
    }

    /** idf = ln((documents + 1) / (documents containing the piece + 1)) over {@code training}, and the prior there. */
    public Weighting weighting(List<RoutingExample> training, double priorWeight) {
        List<int[]> pieces = training.stream().map(e -> StaticTokenEncoder.pieces(tokenizer, e.prompt())).toList();
        int[] df = new int[vectors.length];
        for (int[] ids : pieces) {
            Set<Integer> seen = new HashSet<>();
            for (int id : ids) {
                if (seen.add(id)) df[id]++;
            }
        }
        float[] idf = new float[vectors.length];
        for (int id = 0; id < idf.length; id++) {
            idf[id] = (float) Math.log((training.size() + 1.0) / (df[id] + 1.0));
        }
        int d = dimension();
        double[] acc = new double[d];
        double den = 0;
        for (int[] ids : pieces) {
            for (int id : ids) {
                for (int j = 0; j < d; j++) acc[j] += idf[id] * vectors[id][j];
                den += idf[id];
            }
        }
        float[] prior = new float[d];
        for (int j = 0; j < d && den > 0; j++) prior[j] = (float) (acc[j] / den);
        return new Weighting(idf, priorWeight, prior);
    }

    /** (n, 384) features: per prompt the weighted mean of its pieces' vectors and the prior. */
    public float[][] features(List<RoutingExample> examples, Weighting w) {
        float[][] out = new float[examples.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = features(examples.get(i).prompt(), w);
        }
        return out;
    }

    float[] features(String text, Weighting w) {
        int d = dimension();
        double[] acc = new double[d];
        double den = w.priorWeight();
        for (int j = 0; j < d; j++) acc[j] = w.priorWeight() * w.priorVector()[j];
        for (int id : StaticTokenEncoder.pieces(tokenizer, text)) {
            float weight = w.idf()[id];
            float[] v = vectors[id];
            for (int j = 0; j < d; j++) acc[j] += weight * v[j];
            den += weight;
        }
        float[] f = new float[d];
        if (den > 0) {
            for (int j = 0; j < d; j++) f[j] = (float) (acc[j] / den);
        }
        return f;
    }

    /** A linear model folded into a token table: its output is the table's weighted mean + {@code bias}. */
    public record Folded(TokenTable tokens, double bias) {
    }

    /**
     * Folds a linear model over standardised features, z = Σ_d w_d (x_d − mean_d) / scale_d + b, into per-piece scores
     * s = Σ_d (w_d / scale_d)·vector_d (and the prior's score, the same sum over the prior vector), so that
     * z = (weighted mean of s with the prior) + bias'. Exact because the features are a weighted mean (no normalisation).
     */
    public Folded fold(DenseLayer lr, double[] mean, double[] scale, Weighting weighting) {
        int d = dimension();
        if (lr.inputs() != d || lr.outputs() != 1) {
            throw new IllegalArgumentException("need a (1, " + d + ") linear layer, got (" + lr.outputs() + ", "
                    + lr.inputs() + ")");
        }
        double[] w = new double[d];
        double bias = lr.bias()[0];
        for (int j = 0; j < d; j++) {
            w[j] = lr.weights()[j] / scale[j];
            bias -= w[j] * mean[j];
        }
        float[] s = new float[vectors.length];
        for (int id = 0; id < s.length; id++) {
            double acc = 0;
            for (int j = 0; j < d; j++) acc += w[j] * vectors[id][j];
            s[id] = (float) acc;
        }
        double prior = 0;
        for (int j = 0; j < d; j++) prior += w[j] * weighting.priorVector()[j];
        return new Folded(new TokenTable(weighting.idf(), s, (float) weighting.priorWeight(), (float) prior), bias);
    }

    private static float[][] read(Path file, int vocabulary) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int v = in.readInt(), d = in.readInt();
            if (v != vocabulary || d < 1) return null;
            float[][] out = new float[v][d];
            for (float[] row : out) {
                for (int j = 0; j < d; j++) row[j] = in.readFloat();
            }
            return out;
        } catch (IOException e) {
            return null; // stale or truncated: recomputed
        }
    }

    private static void write(Path file, float[][] vectors) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeInt(vectors.length);
                out.writeInt(vectors[0].length);
                for (float[] row : vectors) {
                    for (float f : row) out.writeFloat(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the static table cache " + file, e);
        }
    }
}
