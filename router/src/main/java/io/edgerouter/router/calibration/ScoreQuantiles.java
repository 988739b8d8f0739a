package io.edgerouter.router.calibration;

import java.util.Arrays;

/**
 * A sorted sample of scores and quantile look-ups on it. Thresholding at {@link #thresholdForShare} sends (up to
 * rounding) the given share of the sample to score >= threshold, as RouteLLM calibrates its routers.
 */
public final class ScoreQuantiles {

    private final double[] sorted;

    public ScoreQuantiles(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("need at least one score to calibrate on");
        }
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("calibration scores must be finite, got " + s);
            }
        }
        this.sorted = scores.clone();
        Arrays.sort(sorted);
    }

    public int size() {
        return sorted.length;
    }

    /**
     * Threshold t such that the share of sample scores >= t is as close as possible to {@code share}: share 0
     * gives a threshold above every score, share 1 the minimum.
     */
    public double thresholdForShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], got " + share);
        }
        int n = sorted.length;
        int above = (int) Math.round(share * n); // how many sample scores must reach the threshold
        if (above <= 0) {
            return Math.nextUp(sorted[n - 1]);
        }
        return sorted[n - above];
    }

    /** Share of the sample with score >= threshold. */
    public double shareAtOrAbove(double threshold) {
        int idx = Arrays.binarySearch(sorted, threshold);
        if (idx < 0) {
            idx = -idx - 1;
        } else {
            while (idx > 0 && sorted[idx - 1] == threshold) idx--;
        }
        return (sorted.length - idx) / (double) sorted.length;
    }

    /** Evenly spaced quantiles (q0 … q100 for count 101), e.g. to ship a score distribution in a weights file. */
    public double[] quantiles(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("quantile count must be >= 1, got " + count);
        }
        double[] q = new double[count];
        if (count == 1) {
            q[0] = sorted[sorted.length / 2];
            return q;
        }
        for (int i = 0; i < count; i++) {
            q[i] = sorted[(int) Math.round(i * (sorted.length - 1) / (double) (count - 1))];
        }
        return q;
    }
}
