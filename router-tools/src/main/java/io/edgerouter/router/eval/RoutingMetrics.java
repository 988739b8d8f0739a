package io.edgerouter.router.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * RouteLLM's router metrics. Sort prompts by score (highest first) and send the top share to the cloud model:
 * quality(share) is the mean quality of that mix (accuracy for correctness labels, the mean score or normalised
 * rating for numeric labels, as RouteLLM does for MT-Bench), PGR(share) = (quality − local) / (cloud − local), APGR
 * is the area under PGR over share ∈ [0, 1] (trapezoid rule, one step per prompt) and CPT(x) is the smallest cloud
 * share whose PGR reaches x. Tied scores are treated as one block whose prompts are sent in random order, i.e.
 * quality is interpolated across the block, so a constant scorer gets APGR 0.5 exactly.
 *
 * <p>{@link Result#qualityArea()} is the area under the quality curve itself. APGR is that area shifted and divided
 * by the gap (cloud − local), so within one data set both order routers the same way when the cloud model is the
 * better one; when the two models are about equal ({@link Result#gapIsSmall()}) APGR is the ratio of two small
 * numbers and only the quality area still compares routers.
 */
public final class RoutingMetrics {

    /** Below this gap (on the 0-1 quality scale) APGR is reported but not used to compare routers. */
    public static final double SMALL_GAP = 0.02;

    private RoutingMetrics() {
    }

    /**
     * APGR, CPT(50 %), CPT(80 %), the area under the quality curve and the two mean qualities, for one evaluation
     * set. APGR and the CPTs are NaN when the two models' mean qualities are equal.
     */
    public record Result(double apgr, double cpt50, double cpt80, double qualityArea, double localAccuracy,
                         double cloudAccuracy, int n) {

        /** Mean-quality gap between the cloud and the local model (negative when the local one is better). */
        public double gap() {
            return cloudAccuracy - localAccuracy;
        }

        public boolean gapIsSmall() {
            return !(gap() >= SMALL_GAP);
        }

        /** The quality area a random router gets on this set: the mean of the two models' qualities. */
        public double randomArea() {
            return (localAccuracy + cloudAccuracy) / 2;
        }

        public String line() {
            return String.format(Locale.ROOT, "apgr=%.4f cpt50=%.4f cpt80=%.4f", apgr, cpt50, cpt80);
        }
    }

    public static Result evaluate(double[] scores, boolean[] localCorrect, boolean[] cloudCorrect) {
        return evaluate(scores, toDouble(localCorrect), toDouble(cloudCorrect));
    }

    /** As {@link #evaluate(double[], boolean[], boolean[])} for qualities in [0, 1]. */
    public static Result evaluate(double[] scores, double[] local, double[] cloud) {
        int n = scores.length;
        if (n == 0 || local.length != n || cloud.length != n) {
            throw new IllegalArgumentException("need equally long, non-empty arrays; got " + n + ", "
                    + local.length + ", " + cloud.length);
        }
        double[] quality = qualityCurve(scores, local, cloud);
        double localMean = quality[0], cloudMean = quality[n];
        double qualityArea = 0;
        for (int k = 1; k <= n; k++) {
            qualityArea += 0.5 * (quality[k - 1] + quality[k]);
        }
        qualityArea /= n;
        double gap = cloudMean - localMean;
        if (Math.abs(gap) < 1e-12) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, qualityArea, localMean, cloudMean, n);
        }
        double[] pgr = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            pgr[k] = (quality[k] - localMean) / gap;
        }
        return new Result((qualityArea - localMean) / gap, cpt(pgr, 0.5), cpt(pgr, 0.8), qualityArea, localMean,
                cloudMean, n);
    }

    public static double[] qualityCurve(double[] scores, boolean[] localCorrect, boolean[] cloudCorrect) {
        return qualityCurve(scores, toDouble(localCorrect), toDouble(cloudCorrect));
    }

    /**
     * Mean quality of the local/cloud mix after sending the k highest-scored prompts to the cloud, for k = 0..n:
     * element 0 is the local model's mean quality, element n the cloud model's.
     */
    public static double[] qualityCurve(double[] scores, double[] local, double[] cloud) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        double[] quality = new double[n + 1]; // summed, divided by n at the end
        for (int i = 0; i < n; i++) {
            quality[0] += local[i];
        }
        int k = 0;
        while (k < n) {
            int end = k;
            double blockGain = 0;
            while (end < n && scores[order[end]] == scores[order[k]]) {
                int i = order[end++];
                blockGain += cloud[i] - local[i];
            }
            double perItem = blockGain / (end - k);
            for (int j = k; j < end; j++) {
                quality[j + 1] = quality[j] + perItem;
            }
            k = end;
        }
        for (int j = 0; j <= n; j++) {
            quality[j] /= n;
        }
        return quality;
    }

    private static double[] toDouble(boolean[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            d[i] = b[i] ? 1 : 0;
        }
        return d;
    }

    private static double cpt(double[] pgr, double target) {
        int n = pgr.length - 1;
        for (int k = 0; k <= n; k++) {
            if (pgr[k] >= target - 1e-12) {
                return k / (double) n;
            }
        }
        return 1.0;
    }
}
