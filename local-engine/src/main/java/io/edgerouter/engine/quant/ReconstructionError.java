package io.edgerouter.engine.quant;

import io.edgerouter.engine.convert.Linear;

/**
 * How far quantized weights are from the originals, element by element (padding excluded).
 *
 * @param rms          root mean square of (x̂ − x)
 * @param maxAbs       max |x̂ − x|
 * @param rmsOfRange   root mean square of (x̂ − x) / range, range = max − min of the element's block
 * @param maxOfRange   max |x̂ − x| / range
 * @param relativeRms  rms / root mean square of x (noise-to-signal)
 */
public record ReconstructionError(double rms, double maxAbs, double rmsOfRange, double maxOfRange,
                                  double relativeRms) {

    public ReconstructionError {
        if (!(rms >= 0) || !(maxAbs >= 0) || !(rmsOfRange >= 0) || !(maxOfRange >= 0) || !(relativeRms >= 0)) {
            throw new IllegalArgumentException("errors must be ≥ 0 and not NaN");
        }
    }

    /**
     * Compares {@code quantized.dequantize()} with {@code original}. Blocks whose values are all equal have range 0:
     * their elements count with range |x| instead, and not at all when x = 0 (such a block is exact anyway).
     */
    public static ReconstructionError measure(Linear.Dense original, Linear.Blocked quantized) {
        if (original.rows() != quantized.rows() || original.cols() != quantized.cols()) {
            throw new IllegalArgumentException("shapes differ: (" + original.rows() + ", " + original.cols()
                    + ") vs (" + quantized.rows() + ", " + quantized.cols() + ")");
        }
        float[] x = original.values(); // (rows, cols)
        float[] y = quantized.dequantize(); // (rows, cols)
        int bs = quantized.blockSize();
        double sq = 0;
        double max = 0;
        double sqOfRange = 0;
        double maxOfRange = 0;
        double signal = 0;
        for (int start = 0; start < x.length; start += Math.min(bs, original.cols() - start % original.cols())) {
            int end = start + Math.min(bs, original.cols() - start % original.cols());
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = start; i < end; i++) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            for (int i = start; i < end; i++) {
                double e = Math.abs((double) y[i] - x[i]);
                double range = hi > lo ? (double) hi - lo : Math.abs(x[i]);
                sq += e * e;
                max = Math.max(max, e);
                signal += (double) x[i] * x[i];
                if (range > 0) {
                    sqOfRange += (e / range) * (e / range);
                    maxOfRange = Math.max(maxOfRange, e / range);
                }
            }
        }
        int n = Math.max(1, x.length);
        return new ReconstructionError(Math.sqrt(sq / n), max, Math.sqrt(sqOfRange / n), maxOfRange,
                signal > 0 ? Math.sqrt(sq / signal) : 0);
    }
}
