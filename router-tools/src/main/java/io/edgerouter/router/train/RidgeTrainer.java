package io.edgerouter.router.train;

import io.edgerouter.router.scorer.Activation;
import io.edgerouter.router.scorer.DenseLayer;
import java.util.HashMap;
import java.util.Map;

/**
 * Ridge regression of the label on standardised inputs (closed form, Cholesky), optionally blended with a
 * within-subject ("fixed effects") ridge fit: the same regression after subtracting each training subject's mean from
 * its rows' inputs and labels. The within fit learns only what makes a question harder than the rest of its own
 * subject (length, negations, answer shapes, topic inside the subject), never which subjects are hard, which is what
 * fails when the subjects change. Both fits are linear, and so is their blend: the result is one dense layer.
 */
final class RidgeTrainer {

    private RidgeTrainer() {
    }

    /**
     * @param x        (n, d) standardised inputs
     * @param y        (n) labels
     * @param groups   (n) subject of each row; needed when {@code within > 0}
     * @param lambda   ridge penalty (on standardised inputs)
     * @param within   weight of the within-subject fit in the blend, 0 … 1; each fit's output is first scaled to unit
     *                 standard deviation on the training rows
     */
    static DenseLayer fit(double[][] x, double[] y, String[] groups, double lambda, double within) {
        return fit(x, y, null, groups, lambda, within);
    }

    /** As {@link #fit(double[][], double[], String[], double, double)} with sample weights (null = all 1). */
    static DenseLayer fit(double[][] x, double[] y, double[] weights, String[] groups, double lambda, double within) {
        if (!(within >= 0 && within <= 1)) throw new IllegalArgumentException("within weight must be in [0, 1], got " + within);
        int d = x[0].length;
        double[] pooled = solve(x, y, weights, lambda, true);
        double[] w = new double[d];
        double b;
        double sdP = sd(x, pooled, true);
        for (int j = 0; j < d; j++) w[j] = (1 - within) * pooled[j] / sdP;
        b = (1 - within) * pooled[d] / sdP;
        if (within > 0) {
            if (groups == null || groups.length != x.length) throw new IllegalArgumentException("a within-subject fit needs the rows' subjects");
            Map<String, double[]> sumX = new HashMap<>();
            Map<String, double[]> sumY = new HashMap<>(); // {sum of labels, count}
            for (int i = 0; i < x.length; i++) {
                double[] s = sumX.computeIfAbsent(groups[i], k -> new double[d]);
                double wi = weights == null ? 1 : weights[i];
                for (int j = 0; j < d; j++) s[j] += wi * x[i][j];
                double[] t = sumY.computeIfAbsent(groups[i], k -> new double[2]);
                t[0] += wi * y[i];
                t[1] += wi;
            }
            double[][] xw = new double[x.length][d];
            double[] yw = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double[] s = sumX.get(groups[i]), t = sumY.get(groups[i]);
                for (int j = 0; j < d; j++) xw[i][j] = x[i][j] - s[j] / t[1];
                yw[i] = y[i] - t[0] / t[1];
            }
            double[] inside = solve(xw, yw, weights, lambda, false);
            double sdW = sd(x, inside, false);
            for (int j = 0; j < d; j++) w[j] += within * inside[j] / sdW;
        }
        float[] wf = new float[d];
        for (int j = 0; j < d; j++) wf[j] = (float) w[j];
        return new DenseLayer(d, 1, wf, new float[] {(float) b}, Activation.IDENTITY);
    }

    /** Standard deviation of x·w (+ bias) over the rows; 1 when it is 0. */
    private static double sd(double[][] x, double[] w, boolean bias) {
        double sum = 0, sq = 0;
        for (double[] r : x) {
            double z = bias ? w[r.length] : 0;
            for (int j = 0; j < r.length; j++) z += w[j] * r[j];
            sum += z;
            sq += z * z;
        }
        double mean = sum / x.length, var = sq / x.length - mean * mean;
        return var > 1e-18 ? Math.sqrt(var) : 1.0;
    }

    /** argmin ‖Xw (+ b) − y‖² + λ‖w‖² (the bias, last, unpenalised); returns w (and b). */
    static double[] solve(double[][] x, double[] y, double lambda, boolean bias) {
        return solve(x, y, null, lambda, bias);
    }

    /** Weighted: argmin Σ wᵢ (xᵢ·w (+ b) − yᵢ)² + λ‖w‖². */
    static double[] solve(double[][] x, double[] y, double[] weights, double lambda, boolean bias) {
        int d = x[0].length + (bias ? 1 : 0);
        double[][] a = new double[d][d];
        double[] rhs = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, row, 0, x[i].length);
            if (bias) row[d - 1] = 1;
            double wi = weights == null ? 1 : weights[i];
            for (int p = 0; p < d; p++) {
                double rp = row[p] * wi;
                if (rp == 0) continue;
                rhs[p] += rp * y[i];
                double[] ap = a[p];
                for (int q = p; q < d; q++) ap[q] += rp * row[q];
            }
        }
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < p; q++) a[p][q] = a[q][p];
            if (!(bias && p == d - 1)) a[p][p] += lambda;
        }
        double[][] l = new double[d][d]; // Cholesky: a = l lᵀ
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (s <= 0) throw new IllegalStateException("ridge system is not positive definite (lambda " + lambda + ")");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        double[] w = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= l[k][i] * w[k];
            w[i] = s / l[i][i];
        }
        return w;
    }
}
