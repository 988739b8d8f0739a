package io.edgerouter.router.policy;

/**
 * When a generation that started LOCAL moves to VERIFY: once {@code windowTokens} tokens are drafted, if the mean
 * next-token entropy of the local model over the last {@code windowTokens} reaches {@code entropyThreshold}.
 *
 * @param entropyThreshold mean entropy in nats, >= 0; NaN or +Inf disables escalation
 * @param windowTokens     tokens the running mean is taken over, in [1, 256]
 */
public record Escalation(double entropyThreshold, int windowTokens) {

    /** Never escalate. */
    public static final Escalation OFF = new Escalation(Double.NaN, 8);

    public Escalation {
        if (entropyThreshold < 0) {
            throw new IllegalArgumentException("escalation entropy threshold must be >= 0 nats (NaN disables), got "
                    + entropyThreshold);
        }
        if (windowTokens < 1 || windowTokens > 256) {
            throw new IllegalArgumentException("escalation window must be 1..256 tokens, got " + windowTokens);
        }
    }

    /** Escalate at a mean entropy of {@code nats} over 8 tokens. */
    public static Escalation atEntropy(double nats) {
        return new Escalation(nats, 8);
    }

    public boolean enabled() {
        return Double.isFinite(entropyThreshold);
    }
}
