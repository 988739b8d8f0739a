package io.edgerouter.router.decision;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.policy.CostRates;
import java.util.List;

/**
 * Expected cost, latency and energy of each route for a prompt of {@code promptTokens} and an answer of
 * {@code outputTokens}. A first-order model: linear in tokens, one round trip per OFFLOAD, one per
 * {@code draftTokensPerRound} accepted tokens for VERIFY.
 */
public final class CostModel {

    private CostModel() {
    }

    /** Prompt and answer size of a typical chat request, for budgets stated per request rather than per token. */
    public static final long TYPICAL_PROMPT_TOKENS = 200;
    public static final long TYPICAL_ANSWER_TOKENS = 256;

    /** Cloud cost of offloading a typical request. */
    public static double typicalOffloadUsd(CostRates r) {
        return TYPICAL_PROMPT_TOKENS * r.usdPerCloudInputToken() + TYPICAL_ANSWER_TOKENS * r.usdPerCloudOutputToken();
    }

    /** Rough token count without running a tokenizer: ~4 characters per token for English text. */
    public static long approxTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    public static List<RouteEstimate> estimate(long promptTokens, long outputTokens, CostRates r) {
        double localPrefillMs = 1000.0 * promptTokens / r.localPrefillTokensPerSecond();
        double localDecodeMs = 1000.0 * outputTokens / r.localTokensPerSecond();
        double localEnergy = (promptTokens + outputTokens) * r.localJoulesPerToken();
        RouteEstimate local = new RouteEstimate(Route.LOCAL, 0, 0, localPrefillMs + localDecodeMs, localEnergy);

        long verifyTokens = promptTokens + outputTokens;
        double rounds = Math.ceil(outputTokens / r.draftTokensPerRound());
        double verifyLatency = localPrefillMs + localDecodeMs + rounds * r.networkRttMs();
        RouteEstimate verify = new RouteEstimate(Route.VERIFY, verifyTokens, verifyTokens * r.usdPerVerifiedToken(),
                verifyLatency, localEnergy + rounds * r.radioJoulesPerRequest() * 0.1);

        double offloadCost = promptTokens * r.usdPerCloudInputToken() + outputTokens * r.usdPerCloudOutputToken();
        double offloadLatency = r.networkRttMs() + 1000.0 * outputTokens / r.cloudTokensPerSecond();
        RouteEstimate offload = new RouteEstimate(Route.OFFLOAD, promptTokens + outputTokens, offloadCost,
                offloadLatency, r.radioJoulesPerRequest());
        return List.of(local, verify, offload);
    }
}
