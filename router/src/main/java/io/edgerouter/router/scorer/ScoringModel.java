package io.edgerouter.router.scorer;

import io.edgerouter.router.feature.TokenTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained scorer: input = [embedding (embeddingDim) ++ lexical features (lexicalNames)], standardised with
 * (x − mean) / scale, then a stack of dense layers ending in one logit; score = sigmoid(calibA · logit + calibB).
 * {@code embeddingDim} is 0 for a lexical-only model. {@code windowHead}/{@code windowTail} record the embedding
 * window (word pieces) the model was trained with and {@code encoderLayers} how many of MiniLM's six transformer layers
 * made the embedding; the encoder must use the same ones. A static-MiniLM model instead carries a {@link TokenTable}
 * ({@code tokens}, else null): its embedding input is one number, the table's weighted mean over the text's word pieces
 * ({@link io.edgerouter.router.feature.StaticTokenEncoder}), and it runs no transformer.
 */
public record ScoringModel(String version, List<String> lexicalNames, int embeddingDim, int windowHead, int windowTail,
                           int encoderLayers, float[] mean, float[] scale, List<DenseLayer> layers, double calibA,
                           double calibB, Map<String, String> metadata, TokenTable tokens) {

    /** A model over MiniLM forward passes (no token table). */
    public ScoringModel(String version, List<String> lexicalNames, int embeddingDim, int windowHead, int windowTail,
                        int encoderLayers, float[] mean, float[] scale, List<DenseLayer> layers, double calibA,
                        double calibB, Map<String, String> metadata) {
        this(version, lexicalNames, embeddingDim, windowHead, windowTail, encoderLayers, mean, scale, layers, calibA,
                calibB, metadata, null);
    }

    /** A model over the full six-layer encoder (weights files written before the depth was recorded). */
    public ScoringModel(String version, List<String> lexicalNames, int embeddingDim, int windowHead, int windowTail,
                        float[] mean, float[] scale, List<DenseLayer> layers, double calibA, double calibB,
                        Map<String, String> metadata) {
        this(version, lexicalNames, embeddingDim, windowHead, windowTail, FULL_ENCODER_DEPTH, mean, scale, layers,
                calibA, calibB, metadata);
    }

    /** all-MiniLM-L6-v2's depth. */
    public static final int FULL_ENCODER_DEPTH = 6;

    public ScoringModel {
        Objects.requireNonNull(version, "version");
        lexicalNames = List.copyOf(lexicalNames);
        layers = List.copyOf(layers);
        metadata = Map.copyOf(metadata);
        int dim = embeddingDim + lexicalNames.size();
        if (embeddingDim < 0 || dim < 1) {
            throw new WeightsFormatException("input dimension must be >= 1, got embedding " + embeddingDim
                    + " + lexical " + lexicalNames.size());
        }
        if (mean.length != dim || scale.length != dim) {
            throw new WeightsFormatException("mean/scale hold " + mean.length + "/" + scale.length
                    + " numbers, input dimension is " + dim);
        }
        WeightsFormatException.requireFinite("mean", mean);
        WeightsFormatException.requireFinite("scale", scale);
        for (int i = 0; i < scale.length; i++) {
            if (scale[i] <= 0) {
                throw new WeightsFormatException("scale[" + i + "] is " + scale[i] + "; must be > 0");
            }
        }
        if (layers.isEmpty()) {
            throw new WeightsFormatException("a model needs at least one layer");
        }
        int in = dim;
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).inputs() != in) {
                throw new WeightsFormatException("layer " + l + " expects " + layers.get(l).inputs()
                        + " inputs, previous stage gives " + in);
            }
            in = layers.get(l).outputs();
        }
        DenseLayer last = layers.get(layers.size() - 1);
        if (last.outputs() != 1 || last.activation() != Activation.IDENTITY) {
            throw new WeightsFormatException("last layer must be (1, n) with IDENTITY activation, got ("
                    + last.outputs() + ", " + last.inputs() + ") " + last.activation());
        }
        if (!Double.isFinite(calibA) || !Double.isFinite(calibB) || calibA <= 0) {
            throw new WeightsFormatException("calibration needs finite a > 0 and finite b, got a=" + calibA
                    + " b=" + calibB);
        }
        if (encoderLayers < 1 || encoderLayers > FULL_ENCODER_DEPTH) {
            throw new WeightsFormatException("encoder layers must be in [1, " + FULL_ENCODER_DEPTH + "], got "
                    + encoderLayers);
        }
        if (tokens != null && embeddingDim != 1) {
            throw new WeightsFormatException("a token-table model takes a 1-dim embedding input, got embedding_dim "
                    + embeddingDim);
        }
        if (tokens == null && embeddingDim > 0 && (windowHead < 1 || windowTail < 0 || windowHead + windowTail > 510)) {
            throw new WeightsFormatException("embedding window must satisfy head >= 1, tail >= 0, head + tail <= 510;"
                    + " got " + windowHead + "+" + windowTail);
        }
    }

    /** Whether the model scores from its token table (static MiniLM) rather than MiniLM forward passes. */
    public boolean usesTokenTable() {
        return tokens != null;
    }

    public int inputDimension() {
        return embeddingDim + lexicalNames.size();
    }

    /** Uncalibrated logit for a raw (unstandardised) input of {@link #inputDimension()} values. */
    public double logit(float[] embedding, float[] lexical) {
        int dim = inputDimension();
        double[] x = new double[dim];
        for (int i = 0; i < embeddingDim; i++) {
            x[i] = (embedding[i] - mean[i]) / scale[i];
        }
        for (int j = 0; j < lexicalNames.size(); j++) {
            int i = embeddingDim + j;
            x[i] = (lexical[j] - mean[i]) / scale[i];
        }
        for (DenseLayer layer : layers) {
            x = layer.forward(x);
        }
        return x[0];
    }

    public double probability(float[] embedding, float[] lexical) {
        return sigmoid(calibA * logit(embedding, lexical) + calibB);
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
