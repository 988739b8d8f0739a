package io.edgerouter.engine;

import io.edgerouter.engine.sampling.TopLogprobs;

/**
 * Streaming callback: called once per emitted token, in order, on the generating thread (a stop token is not
 * emitted; the token completing a stop string is, with the text cut before the stop string). The deltas add up to
 * {@link GenerationResult#text()}.
 */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = (tokenId, textDelta) -> { };

    /**
     * @param tokenId   the emitted id
     * @param textDelta text this token adds to the output; empty while a multi-byte character is incomplete, or
     *                  when no tokenizer is attached
     */
    void onToken(int tokenId, String textDelta);

    /**
     * Like {@link #onToken(int, String)}, with the target model's log-probability (temperature 1) of the token:
     * its running mean is the local model's uncertainty, which decides escalation to the cloud.
     */
    default void onToken(int tokenId, String textDelta, double logProb) {
        onToken(tokenId, textDelta);
    }

    /**
     * Like {@link #onToken(int, String, double)}, with the model's most likely tokens at this position when the
     * request asked for them ({@link GenerationRequest#topLogprobs()}), else {@link TopLogprobs#NONE}.
     */
    default void onToken(int tokenId, String textDelta, double logProb, TopLogprobs top) {
        onToken(tokenId, textDelta, logProb);
    }
}
