package io.edgerouter.gateway.verify;

import io.edgerouter.protocol.verify.VerifyMode;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A validated {@code POST /v1/verify} body.
 *
 * @param sessionId         empty for a stateless round
 * @param contextIds        the whole context, or null when only {@code appendIds} are sent
 * @param appendIds         tokens after the session's agreed context, or null
 * @param draftIds          draft tokens, possibly none
 * @param draftLogprobs     the draft model's log-probability of each draft token, or null
 * @param sampling          temperature, top-p and top-k of sample mode ({@link Sampling#DEFAULT} in greedy mode)
 * @param continueMaxTokens one-shot mode: tokens the gateway may generate after the accepted prefix
 */
record VerifyCall(Optional<String> sessionId, int[] contextIds, int[] appendIds, int[] draftIds,
                  double[] draftLogprobs, VerifyMode mode, OptionalLong seed, Sampling sampling,
                  OptionalInt continueMaxTokens) {

    /**
     * The sampling parameters of a round, with OpenAI's defaults filled in.
     *
     * @param temperature in (0, 2]
     * @param topP        in (0, 1]; 1 = off
     * @param topK        0 = off
     */
    record Sampling(double temperature, double topP, int topK) {

        /** Temperature 1, no truncation: the target's own distribution. */
        static final Sampling DEFAULT = new Sampling(1, 1, 0);
    }
}
