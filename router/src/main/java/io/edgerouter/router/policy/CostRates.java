package io.edgerouter.router.policy;

/**
 * Prices and speeds behind the per-route estimates. All must be finite and >= 0.
 *
 * @param usdPerCloudInputToken   cloud price per prompt token (OFFLOAD)
 * @param usdPerCloudOutputToken  cloud price per generated token (OFFLOAD)
 * @param usdPerVerifiedToken     cloud price per draft token verified (VERIFY; one batched forward pass)
 * @param localTokensPerSecond    local decode speed
 * @param localPrefillTokensPerSecond local prompt processing speed
 * @param cloudTokensPerSecond    cloud decode speed
 * @param networkRttMs            round trip to the cloud
 * @param draftTokensPerRound     accepted draft tokens per VERIFY round trip
 * @param localJoulesPerToken     device energy per local token (prefill or decode)
 * @param radioJoulesPerRequest   device energy to send a request and receive an answer
 */
public record CostRates(double usdPerCloudInputToken, double usdPerCloudOutputToken, double usdPerVerifiedToken,
                        double localTokensPerSecond, double localPrefillTokensPerSecond, double cloudTokensPerSecond,
                        double networkRttMs, double draftTokensPerRound, double localJoulesPerToken,
                        double radioJoulesPerRequest) {

    /** Order-of-magnitude defaults: a GPT-4-class price list, a 0.5B model on a laptop CPU, a 4G/Wi-Fi link. */
    public static final CostRates DEFAULT = new CostRates(10e-6, 30e-6, 3e-6, 20, 200, 60, 80, 4, 0.05, 0.5);

    public CostRates {
        double[] all = {usdPerCloudInputToken, usdPerCloudOutputToken, usdPerVerifiedToken, localTokensPerSecond,
                localPrefillTokensPerSecond, cloudTokensPerSecond, networkRttMs, draftTokensPerRound,
                localJoulesPerToken, radioJoulesPerRequest};
        for (double v : all) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("cost rates must be finite and >= 0, got " + v);
            }
        }
        if (localTokensPerSecond == 0 || localPrefillTokensPerSecond == 0 || cloudTokensPerSecond == 0
                || draftTokensPerRound == 0) {
            throw new IllegalArgumentException("speeds and draft tokens per round must be > 0");
        }
    }
}
