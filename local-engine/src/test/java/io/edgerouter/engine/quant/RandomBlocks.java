package io.edgerouter.engine.quant;

import io.edgerouter.engine.convert.Linear;

import java.util.Random;

/** Hand-made test inputs: blocks of random bytes and scales, activations, and a plain-Java reference matmul. */
final class RandomBlocks {

    private RandomBlocks() {
    }

    /**
     * Random blocks: every byte of B (padding included) and of the zero points is random, scales are ±[0.002, 0.05].
     */
    static Linear.Blocked of(Random rng, int n, int k, int bits, int blockSize, boolean zeroPoints) {
        int blocks = Linear.Blocked.blocks(k, blockSize);
        byte[] packed = new byte[n * blocks * blockSize * bits / 8];
        rng.nextBytes(packed);
        float[] scales = new float[n * blocks];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = (0.002f + 0.048f * rng.nextFloat()) * (rng.nextBoolean() ? 1 : -1);
        }
        byte[] zp = null;
        if (zeroPoints) {
            zp = new byte[n * ((blocks * bits + 7) / 8)];
            rng.nextBytes(zp);
        }
        return new Linear.Blocked(n, k, bits, blockSize, packed, scales, zp);
    }

    /** (rows, cols) standard normal values. */
    static float[] gaussian(Random rng, int rows, int cols) {
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    /**
     * Y = A · Wᵀ in double.
     *
     * @param a (m, k)
     * @param w (n, k)
     * @return (m, n)
     */
    static double[] matmulTransposed(float[] a, int m, float[] w, int n, int k) {
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += (double) a[i * k + c] * w[j * k + c];
                }
                y[i * n + j] = sum;
            }
        }
        return y;
    }

    /** Σ |a_ic · w_jc| per output: the scale of float rounding error in Y = A · Wᵀ, (m, n). */
    static double[] magnitude(float[] a, int m, float[] w, int n, int k) {
        double[] y = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.abs((double) a[i * k + c] * w[j * k + c]);
                }
                y[i * n + j] = sum;
            }
        }
        return y;
    }
}
