package io.edgerouter.router.train;

import io.edgerouter.router.scorer.Activation;
import io.edgerouter.router.scorer.DenseLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a logistic regression (hidden = 0) or a one-hidden-layer ReLU MLP on standardised inputs with binary
 * cross-entropy, mini-batch Adam and L2 weight decay. Deterministic for a given seed.
 */
public final class NetworkTrainer {

    /** hidden: hidden units (0 = logistic regression); l2: weight decay per step; lr: Adam step size. */
    public record Config(int hidden, int epochs, int batch, double lr, double l2, long seed) {
    }

    private NetworkTrainer() {
    }

    /** @param x (n, d) standardised inputs @param y (n) labels in [0, 1] */
    public static List<DenseLayer> train(double[][] x, double[] y, Config c) {
        return train(x, y, null, c);
    }

    /** @param weights (n) per-example loss weights with mean 1, or null for equal weights */
    public static List<DenseLayer> train(double[][] x, double[] y, double[] weights, Config c) {
        int n = x.length, d = x[0].length, h = c.hidden();
        Random rnd = new Random(c.seed());
        boolean mlp = h > 0;
        int in2 = mlp ? h : d;
        double[] w1 = new double[mlp ? h * d : 0];
        double[] b1 = new double[mlp ? h : 0];
        double[] w2 = new double[in2];
        double[] b2 = new double[1];
        for (int i = 0; i < w1.length; i++) w1[i] = rnd.nextGaussian() * Math.sqrt(2.0 / d);
        for (int i = 0; i < w2.length && mlp; i++) w2[i] = rnd.nextGaussian() * Math.sqrt(1.0 / h);
        double prior = 0;
        for (double v : y) prior += v;
        prior = Math.min(Math.max(prior / n, 1e-3), 1 - 1e-3);
        b2[0] = Math.log(prior / (1 - prior));
        Adam adam = new Adam(new double[][] {w1, b1, w2, b2}, c.lr());
        double[] gw1 = new double[w1.length], gb1 = new double[b1.length], gw2 = new double[w2.length], gb2 = new double[1];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        double[] hid = new double[h];
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            shuffle(idx, rnd);
            for (int start = 0; start < n; start += c.batch()) {
                int end = Math.min(n, start + c.batch());
                java.util.Arrays.fill(gw1, 0); java.util.Arrays.fill(gb1, 0);
                java.util.Arrays.fill(gw2, 0); gb2[0] = 0;
                for (int b = start; b < end; b++) {
                    double[] xi = x[idx[b]];
                    double[] a = mlp ? hidden(xi, w1, b1, h, d, hid) : xi;
                    double z = b2[0];
                    for (int j = 0; j < in2; j++) z += w2[j] * a[j];
                    double err = 1.0 / (1.0 + Math.exp(-z)) - y[idx[b]]; // dLoss/dz
                    if (weights != null) err *= weights[idx[b]];
                    gb2[0] += err;
                    for (int j = 0; j < in2; j++) gw2[j] += err * a[j];
                    if (mlp) {
                        for (int j = 0; j < h; j++) {
                            if (a[j] <= 0) continue;
                            double g = err * w2[j];
                            gb1[j] += g;
                            int row = j * d;
                            for (int k = 0; k < d; k++) gw1[row + k] += g * xi[k];
                        }
                    }
                }
                double inv = 1.0 / (end - start);
                scale(gw1, inv, w1, c.l2()); scale(gb1, inv, null, 0);
                scale(gw2, inv, w2, c.l2()); scale(gb2, inv, null, 0);
                adam.step(new double[][] {gw1, gb1, gw2, gb2});
            }
        }
        List<DenseLayer> layers = new ArrayList<>();
        if (mlp) {
            layers.add(new DenseLayer(d, h, toFloat(w1), toFloat(b1), Activation.RELU));
        }
        layers.add(new DenseLayer(in2, 1, toFloat(w2), toFloat(b2), Activation.IDENTITY));
        return layers;
    }

    private static double[] hidden(double[] xi, double[] w1, double[] b1, int h, int d, double[] out) {
        for (int j = 0; j < h; j++) {
            double s = b1[j];
            int row = j * d;
            for (int k = 0; k < d; k++) s += w1[row + k] * xi[k];
            out[j] = s > 0 ? s : 0;
        }
        return out;
    }

    private static void scale(double[] g, double inv, double[] w, double l2) {
        for (int i = 0; i < g.length; i++) g[i] = g[i] * inv + (w == null ? 0 : l2 * w[i]);
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    /** Adam over a list of parameter arrays updated in place. */
    private static final class Adam {
        private final double[][] params, m, v;
        private final double lr;
        private int t;

        Adam(double[][] params, double lr) {
            this.params = params;
            this.lr = lr;
            this.m = new double[params.length][];
            this.v = new double[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new double[params[i].length];
                v[i] = new double[params[i].length];
            }
        }

        void step(double[][] grads) {
            t++;
            double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
            for (int p = 0; p < params.length; p++) {
                for (int i = 0; i < params[p].length; i++) {
                    double g = grads[p][i];
                    m[p][i] = 0.9 * m[p][i] + 0.1 * g;
                    v[p][i] = 0.999 * v[p][i] + 0.001 * g * g;
                    params[p][i] -= lr * (m[p][i] / c1) / (Math.sqrt(v[p][i] / c2) + 1e-8);
                }
            }
        }
    }
}
