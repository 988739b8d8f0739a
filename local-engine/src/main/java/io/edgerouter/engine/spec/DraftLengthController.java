package io.edgerouter.engine.spec;

import io.edgerouter.engine.InvalidRequestException;

/**
 * Adapts the draft length k to the running acceptance rate α (exponential moving average of accepted / drafted):
 * the expected run of accepted tokens is about 1 / (1 − α), so k follows it within [minK, maxK].
 */
public final class DraftLengthController {

    private static final double SMOOTHING = 0.3;

    private final int minK;
    private final int maxK;
    private double acceptance;
    private int k;
    private long drafted;
    private long accepted;

    public DraftLengthController(int minK, int maxK, int initialK) {
        if (minK <= 0) {
            throw new InvalidRequestException("draft length k must be > 0, got minK=" + minK);
        }
        if (maxK < minK || initialK < minK || initialK > maxK) {
            throw new InvalidRequestException("need 0 < minK ≤ initialK ≤ maxK, got " + minK + " ≤ " + initialK
                    + " ≤ " + maxK);
        }
        this.minK = minK;
        this.maxK = maxK;
        this.k = initialK;
        this.acceptance = 1 - 1.0 / initialK;
    }

    /** A fixed draft length. */
    public static DraftLengthController fixed(int k) {
        return new DraftLengthController(k, k, k);
    }

    public int k() {
        return k;
    }

    /** Records a round that drafted {@code proposed} tokens of which {@code acceptedCount} were accepted. */
    public void record(int proposed, int acceptedCount) {
        if (proposed <= 0) {
            return;
        }
        drafted += proposed;
        accepted += acceptedCount;
        acceptance = (1 - SMOOTHING) * acceptance + SMOOTHING * ((double) acceptedCount / proposed);
        double expectedRun = 1 / Math.max(1e-3, 1 - acceptance);
        k = (int) Math.max(minK, Math.min(maxK, Math.round(expectedRun)));
    }

    /** Accepted / drafted over the whole run (0 when nothing was drafted). */
    public double acceptanceRate() {
        return drafted == 0 ? 0 : (double) accepted / drafted;
    }

    public long drafted() {
        return drafted;
    }

    public long accepted() {
        return accepted;
    }
}
