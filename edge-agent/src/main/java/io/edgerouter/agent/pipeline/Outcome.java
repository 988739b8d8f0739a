package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.policy.Route;

/**
 * What one route produced for a request (or subtask).
 *
 * @param route          the route that answered (a fallback may differ from the one decided)
 * @param cloudTokens    tokens the cloud processed
 * @param draftTokens    tokens drafted locally (speculative decoding, VERIFY)
 * @param acceptedTokens drafted tokens accepted
 * @param cachedTokens   prompt tokens the device's KV cache already held from an earlier turn (not prefilled again)
 */
record Outcome(Route route, int promptTokens, int completionTokens, String finishReason, int cloudTokens,
               int draftTokens, int acceptedTokens, int cachedTokens) {

    Outcome(Route route, int promptTokens, int completionTokens, String finishReason, int cloudTokens, int draftTokens,
            int acceptedTokens) {
        this(route, promptTokens, completionTokens, finishReason, cloudTokens, draftTokens, acceptedTokens, 0);
    }
}
