package io.edgerouter.engine.sampling;

import java.util.Arrays;

/** Turns a row of logits into the distribution {@link SamplingParams} describe. */
public final class Probabilities {

    private Probabilities() {
    }

    /** Index of the largest logit in {@code logits[offset, offset + vocab)}; ties go to the lowest id. */
    public static int argmax(float[] logits, int offset, int vocab) {
        int best = 0;
        float bestValue = logits[offset];
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > bestValue) {
                bestValue = logits[offset + i];
                best = i;
            }
        }
        return best;
    }

    /**
     * The sampling distribution (vocab) of one logits row: one-hot at the argmax when greedy, otherwise softmax of
     * logits / temperature restricted to top-k and top-p and renormalised.
     */
    public static double[] of(float[] logits, int offset, int vocab, SamplingParams params) {
        double[] p = new double[vocab];
        if (params.isGreedy()) {
            p[argmax(logits, offset, vocab)] = 1;
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = Math.exp((logits[offset + i] - max) / params.temperature());
            sum += p[i];
        }
        for (int i = 0; i < vocab; i++) {
            p[i] /= sum;
        }
        if (params.topK() > 0 && params.topK() < vocab || params.topP() < 1) {
            truncate(p, params.topK() > 0 ? Math.min(params.topK(), vocab) : vocab, params.topP());
        }
        return p;
    }

    /** Log-softmax of one logits row at {@code token} (temperature 1, no truncation): the model's own log-prob. */
    public static double logProb(float[] logits, int offset, int vocab, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return logits[offset + token] - max - Math.log(sum);
    }

    /** The {@code n} most likely tokens of one logits row with their log-softmax (temperature 1), best first. */
    public static TopLogprobs top(float[] logits, int offset, int vocab, int n) {
        if (n <= 0) {
            return TopLogprobs.NONE;
        }
        int k = Math.min(n, vocab);
        int[] ids = new int[k]; // kept sorted by logit, descending
        int size = 0;
        for (int i = 0; i < vocab; i++) {
            float v = logits[offset + i];
            if (size == k && v <= logits[offset + ids[k - 1]]) {
                continue;
            }
            int at = Math.min(size, k - 1);
            while (at > 0 && logits[offset + ids[at - 1]] < v) {
                ids[at] = ids[at - 1];
                at--;
            }
            ids[at] = i;
            size = Math.min(size + 1, k);
        }
        double[] lp = new double[k];
        double norm = logProb(logits, offset, vocab, ids[0]) - logits[offset + ids[0]];
        for (int i = 0; i < k; i++) {
            lp[i] = logits[offset + ids[i]] + norm;
        }
        return new TopLogprobs(ids, lp);
    }

    private static void truncate(double[] p, int topK, double topP) {
        // sort (probability, id) pairs packed in longs: non-negative float bits order like the floats, and a
        // primitive sort is several times faster than boxing for a 150k-token vocabulary
        long[] order = new long[p.length];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                order[n++] = ((long) Float.floatToIntBits((float) p[i]) << 32) | i;
            }
        }
        Arrays.sort(order, 0, n);
        double kept = 0;
        int keep = 0;
        while (keep < Math.min(topK, n) && (keep == 0 || kept < topP)) {
            kept += p[(int) order[n - 1 - keep]];
            keep++;
        }
        double[] out = new double[p.length];
        for (int j = 0; j < keep; j++) {
            int id = (int) order[n - 1 - j];
            out[id] = p[id] / kept;
        }
        System.arraycopy(out, 0, p, 0, p.length);
    }
}
