package io.edgerouter.router.feature;

/**
 * What the local model itself says about a request, when the caller has it. NaN marks "not measured".
 *
 * @param entropy            mean next-token entropy (nats) after prefill or over the first draft tokens, >= 0
 * @param meanLogProb        mean log-probability (<= 0) of the drafted tokens
 * @param verifyAcceptance   running VERIFY acceptance rate for similar requests, in [0, 1]
 */
public record LocalModelSignals(double entropy, double meanLogProb, double verifyAcceptance) {

    public static final LocalModelSignals NONE = new LocalModelSignals(Double.NaN, Double.NaN, Double.NaN);

    public LocalModelSignals {
        if (!Double.isNaN(entropy) && !(entropy >= 0 && entropy < 1e3)) {
            throw new IllegalArgumentException("entropy must be a finite number >= 0 (nats) or NaN, got " + entropy);
        }
        if (!Double.isNaN(meanLogProb) && !(meanLogProb <= 0 && meanLogProb > -1e3)) {
            throw new IllegalArgumentException("meanLogProb must be a finite number <= 0 or NaN, got " + meanLogProb);
        }
        if (!Double.isNaN(verifyAcceptance) && !(verifyAcceptance >= 0 && verifyAcceptance <= 1)) {
            throw new IllegalArgumentException("verifyAcceptance must be in [0, 1] or NaN, got " + verifyAcceptance);
        }
    }

    public boolean hasEntropy() {
        return !Double.isNaN(entropy);
    }

    public boolean hasMeanLogProb() {
        return !Double.isNaN(meanLogProb);
    }

    public boolean hasVerifyAcceptance() {
        return !Double.isNaN(verifyAcceptance);
    }
}
