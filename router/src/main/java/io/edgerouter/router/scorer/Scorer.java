package io.edgerouter.router.scorer;

import io.edgerouter.router.feature.Features;

/**
 * The router contract (as in RouteLLM): one number per request, the estimated probability that the local model's
 * answer is not good enough, in [0, 1]. Higher means more reason to use the cloud; the decision is
 * {@code score >= threshold}.
 */
public interface Scorer {

    double score(Features features);

    /** Whether {@link Features#embedding()} must be filled before {@link #score}. */
    default boolean needsEmbedding() {
        return false;
    }

    /** Width of the embedding {@link #score} expects when {@link #needsEmbedding()}, else 0. */
    default int embeddingDimension() {
        return 0;
    }

    /** Name and version of the model behind the number, recorded in every decision. */
    String version();
}
