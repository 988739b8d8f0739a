package io.edgerouter.engine.sampling;

/** Pearson's chi-square goodness-of-fit, with categories of small expected count pooled. */
public final class ChiSquare {

    private ChiSquare() {
    }

    /** Statistic and degrees of freedom for observed counts against expected probabilities over n draws. */
    public static double[] statistic(long[] observed, double[] expected, long n) {
        double stat = 0;
        int df = -1;
        double pooledObserved = 0;
        double pooledExpected = 0;
        for (int i = 0; i < observed.length; i++) {
            double e = expected[i] * n;
            if (e < 5) {
                pooledObserved += observed[i];
                pooledExpected += e;
                continue;
            }
            stat += (observed[i] - e) * (observed[i] - e) / e;
            df++;
        }
        if (pooledExpected > 0) {
            stat += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / Math.max(pooledExpected, 1);
            df++;
        }
        return new double[] {stat, df};
    }

    /** Upper critical value at p = 0.001 (Wilson–Hilferty approximation, z = 3.09). */
    public static double critical(double df) {
        double a = 2 / (9 * df);
        return df * Math.pow(1 - a + 3.09 * Math.sqrt(a), 3);
    }
}
