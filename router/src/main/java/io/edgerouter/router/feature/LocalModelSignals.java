package io.edgerouter.router.feature;

/**
 * What the local model itself says about a request, when the caller has it. NaN marks "not measured".
 *
 * @param entropy          next-token entropy (nats), >= 0: after prefill (the first answer token's distribution) or
 *                         the mean over the first draft tokens
 * @param meanLogProb      mean log-probability (<= 0) of the drafted tokens
 * @param verifyAcceptance running VERIFY acceptance rate for similar requests, in [0, 1]
 * @param promptSurprisal  mean surprisal (nats, >= 0) of the prompt's tokens under the local model, from its prefill:
 *                         how unfamiliar the request is to the model that would answer it
 */
public record LocalModelSignals(double entropy, double meanLogProb, double verifyAcceptance, double promptSurprisal) {

    public static final LocalModelSignals NONE = new LocalModelSignals(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

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
        if (!Double.isNaN(promptSurprisal) && !(promptSurprisal >= 0 && promptSurprisal < 1e3)) {
            throw new IllegalArgumentException("promptSurprisal must be a finite number >= 0 (nats) or NaN, got "
                    + promptSurprisal);
        }
    }

    /** Signals without a prompt surprisal (drafting-time measurements). */
    public LocalModelSignals(double entropy, double meanLogProb, double verifyAcceptance) {
        this(entropy, meanLogProb, verifyAcceptance, Double.NaN);
    }

    /**
     * What the prefill of the prompt measured: its mean surprisal and the entropy of the first answer token (either
     * may be NaN: a one-token prompt has no surprisal).
     */
    public static LocalModelSignals fromPrefill(double meanSurprisal, double firstTokenEntropy) {
        return new LocalModelSignals(firstTokenEntropy, Double.NaN, Double.NaN, meanSurprisal);
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

    public boolean hasPromptSurprisal() {
        return !Double.isNaN(promptSurprisal);
    }

    /** Whether any signal was measured. */
    public boolean any() {
        return hasEntropy() || hasMeanLogProb() || hasVerifyAcceptance() || hasPromptSurprisal();
    }
}
