package io.edgerouter.router.scorer;

import io.edgerouter.router.feature.Features;
import java.util.Objects;

/**
 * The trained scorer: a {@link ScoringModel} over [embedding ++ lexical features]. Thread-safe (read-only model).
 */
public final class LearnedScorer implements Scorer {

    private final ScoringModel model;

    public LearnedScorer(ScoringModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The model committed under {@link WeightsFile#DEFAULT_RESOURCE}. */
    public static LearnedScorer loadDefault() {
        return new LearnedScorer(WeightsFile.loadDefault());
    }

    public ScoringModel model() {
        return model;
    }

    @Override
    public double score(Features f) {
        float[] emb = f.embedding();
        if (model.embeddingDim() > 0) {
            if (emb == null) {
                throw new IllegalArgumentException("model " + model.version() + " needs a " + model.embeddingDim()
                        + "-dim embedding; none was computed");
            }
            if (emb.length != model.embeddingDim()) {
                throw new IllegalArgumentException("embedding has " + emb.length + " dims, model " + model.version()
                        + " expects " + model.embeddingDim());
            }
        }
        return model.probability(emb, f.lexical());
    }

    /** Uncalibrated logit, for calibration layers that refit the mapping from logit to probability. */
    public double logit(Features f) {
        return model.logit(f.embedding(), f.lexical());
    }

    @Override
    public int embeddingDimension() {
        return model.embeddingDim();
    }

    @Override
    public boolean needsEmbedding() {
        return model.embeddingDim() > 0;
    }

    @Override
    public String version() {
        return model.version();
    }
}
