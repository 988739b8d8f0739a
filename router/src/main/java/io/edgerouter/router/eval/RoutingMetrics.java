package io.edgerouter.router.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * RouteLLM's router metrics. Sort prompts by score (highest first) and send the top share to the cloud model:
 * quality(share) is the accuracy of that mix, PGR(share) = (quality − local_acc) / (cloud_acc − local_acc),
 * APGR is the area under PGR over share ∈ [0, 1] (trapezoid rule, one step per prompt) and CPT(x) is the smallest
 * cloud share whose PGR reaches x. Tied scores are treated as one block whose prompts are sent in random order,
 * i.e. quality is interpolated across the block, so a constant scorer gets APGR 0.5 exactly.
 */
public final class RoutingMetrics {

    private RoutingMetrics() {
    }

    /** APGR, CPT(50 %), CPT(80 %) plus the two accuracies, for one evaluation set. */
    public record Result(double apgr, double cpt50, double cpt80, double localAccuracy, double cloudAccuracy, int n) {

        public String line() {
            return String.format(java.util.Locale.ROOT, "apgr=%.4f cpt50=%.4f cpt80=%.4f", apgr, cpt50, cpt80);
        }
    }

    public static Result evaluate(double[] scores, boolean[] localCorrect, boolean[] cloudCorrect) {
        int n = scores.length;
        if (n == 0 || localCorrect.length != n || cloudCorrect.length != n) {
            throw new IllegalArgumentException("need equally long, non-empty arrays; got " + n + ", "
                    + localCorrect.length + ", " + cloudCorrect.length);
        }
        double[] pgr = pgrCurve(scores, localCorrect, cloudCorrect);
        double area = 0;
        for (int k = 1; k <= n; k++) {
            area += 0.5 * (pgr[k - 1] + pgr[k]);
        }
        double local = 0, cloud = 0;
        for (int i = 0; i < n; i++) {
            local += localCorrect[i] ? 1 : 0;
            cloud += cloudCorrect[i] ? 1 : 0;
        }
        return new Result(area / n, cpt(pgr, 0.5), cpt(pgr, 0.8), local / n, cloud / n, n);
    }

    /**
     * Quality (accuracy of the local/cloud mix) after sending the k highest-scored prompts to the cloud, for
     * k = 0..n: element 0 is the local model's accuracy, element n the cloud model's.
     */
    public static double[] qualityCurve(double[] scores, boolean[] localCorrect, boolean[] cloudCorrect) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        double[] quality = new double[n + 1]; // correct answers, divided by n at the end
        for (int i = 0; i < n; i++) {
            quality[0] += localCorrect[i] ? 1 : 0;
        }
        int k = 0;
        while (k < n) {
            int end = k;
            double blockGain = 0;
            while (end < n && scores[order[end]] == scores[order[k]]) {
                int i = order[end++];
                blockGain += (cloudCorrect[i] ? 1 : 0) - (localCorrect[i] ? 1 : 0);
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

    /** PGR after sending the k highest-scored prompts to the cloud, for k = 0..n. */
    static double[] pgrCurve(double[] scores, boolean[] localCorrect, boolean[] cloudCorrect) {
        double[] quality = qualityCurve(scores, localCorrect, cloudCorrect);
        int n = scores.length;
        int localTotal = 0, gainTotal = 0; // counted exactly, so "no gap" is not a rounding question
        for (int i = 0; i < n; i++) {
            localTotal += localCorrect[i] ? 1 : 0;
            gainTotal += (cloudCorrect[i] ? 1 : 0) - (localCorrect[i] ? 1 : 0);
        }
        double[] pgr = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            // no gap between the models: every share recovers "all" of nothing
            pgr[j] = gainTotal == 0 ? 1.0 : (quality[j] * n - localTotal) / gainTotal;
        }
        return pgr;
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
