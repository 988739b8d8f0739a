package io.edgerouter.router.train;

/** Column means and standard deviations fitted on training rows only; scale is floored so constants stay finite. */
public record Standardizer(double[] mean, double[] scale) {

    public static Standardizer fit(double[][] x, int[] rows) {
        int d = x[0].length;
        double[] mean = new double[d], sq = new double[d];
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r][j];
            }
        }
        for (int j = 0; j < d; j++) mean[j] /= rows.length;
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                double c = x[r][j] - mean[j];
                sq[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) scale[j] = Math.max(Math.sqrt(sq[j] / rows.length), 1e-6);
        return new Standardizer(mean, scale);
    }

    public double[][] apply(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] src = x[rows[i]];
            double[] dst = new double[src.length];
            for (int j = 0; j < src.length; j++) dst[j] = (src[j] - mean[j]) / scale[j];
            out[i] = dst;
        }
        return out;
    }
}
