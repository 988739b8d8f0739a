package io.edgerouter.router.train;

/**
 * Gradient-boosted decision stumps on the logistic loss (one split per round, shrinkage {@code rate}), candidate
 * thresholds at feature quantiles. Evaluation only: the shipped weights format holds dense layers.
 */
final class BoostedStumps {

    private final int[] feature;
    private final double[] threshold, left, right;
    private final double base;

    private BoostedStumps(int[] feature, double[] threshold, double[] left, double[] right, double base) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.base = base;
    }

    static BoostedStumps fit(double[][] x, double[] y, int rounds, double rate, int bins) {
        int n = x.length, d = x[0].length;
        double p0 = 0;
        for (double v : y) p0 += v;
        p0 = Math.min(Math.max(p0 / n, 1e-3), 1 - 1e-3);
        double base = Math.log(p0 / (1 - p0));
        double[][] cuts = new double[d][bins];
        for (int j = 0; j < d; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) col[i] = x[i][j];
            java.util.Arrays.sort(col);
            for (int b = 0; b < bins; b++) cuts[j][b] = col[(int) ((b + 1) * (n - 1L) / (bins + 1))];
        }
        double[] f = new double[n];
        java.util.Arrays.fill(f, base);
        int[] feat = new int[rounds];
        double[] thr = new double[rounds], lv = new double[rounds], rv = new double[rounds];
        double[] g = new double[n], h = new double[n];
        for (int r = 0; r < rounds; r++) {
            double gTot = 0, hTot = 0;
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-f[i]));
                g[i] = y[i] - p;
                h[i] = Math.max(p * (1 - p), 1e-6);
                gTot += g[i];
                hTot += h[i];
            }
            double bestGain = -1;
            for (int j = 0; j < d; j++) {
                double[] gl = new double[bins + 1], hl = new double[bins + 1];
                for (int i = 0; i < n; i++) {
                    int b = java.util.Arrays.binarySearch(cuts[j], x[i][j]);
                    b = b >= 0 ? b : -b - 1;
                    gl[b] += g[i];
                    hl[b] += h[i];
                }
                double cg = 0, ch = 0;
                for (int b = 0; b < bins; b++) {
                    cg += gl[b];
                    ch += hl[b];
                    double gain = cg * cg / (ch + 1) + (gTot - cg) * (gTot - cg) / (hTot - ch + 1);
                    if (gain > bestGain) {
                        bestGain = gain;
                        feat[r] = j;
                        thr[r] = cuts[j][b];
                        lv[r] = rate * cg / (ch + 1);
                        rv[r] = rate * (gTot - cg) / (hTot - ch + 1);
                    }
                }
            }
            for (int i = 0; i < n; i++) f[i] += x[i][feat[r]] <= thr[r] ? lv[r] : rv[r];
        }
        return new BoostedStumps(feat, thr, lv, rv, base);
    }

    double logit(double[] xi) {
        double s = base;
        for (int r = 0; r < feature.length; r++) s += xi[feature[r]] <= threshold[r] ? left[r] : right[r];
        return s;
    }
}
