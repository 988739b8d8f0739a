package io.edgerouter.router.policy;

/**
 * Score cut-offs: score >= offloadAt → OFFLOAD, verifyAt <= score < offloadAt → VERIFY (the VERIFY band), else
 * LOCAL. verifyAt == offloadAt means no VERIFY band.
 */
public record Thresholds(double verifyAt, double offloadAt) {

    public Thresholds {
        if (!(verifyAt >= 0 && verifyAt <= offloadAt && offloadAt <= 1.0 + 1e-9)) {
            throw new IllegalArgumentException("thresholds need 0 <= verifyAt <= offloadAt <= 1, got verifyAt="
                    + verifyAt + " offloadAt=" + offloadAt);
        }
    }

    public static Thresholds single(double threshold) {
        return new Thresholds(threshold, threshold);
    }
}
