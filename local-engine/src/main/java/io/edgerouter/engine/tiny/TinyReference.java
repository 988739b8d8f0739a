package io.edgerouter.engine.tiny;

/**
 * Naive plain-Java forward pass of a tiny model, in paper order and without a KV cache: the oracle the ONNX graph
 * (and therefore the engine) is tested against.
 */
public final class TinyReference {

    private final TinyWeights w;
    private final TinyModelSpec spec;

    public TinyReference(TinyWeights weights) {
        this.w = weights;
        this.spec = weights.spec();
    }

    static double inverseFrequency(int i, int headDim) {
        return Math.pow(TinyWeights.ROPE_THETA, -2.0 * i / headDim);
    }

    /** Logits for every position of {@code tokens}: (seq, vocab). */
    public float[][] forward(int[] tokens) {
        int s = tokens.length;
        int d = spec.hidden();
        float[][] x = new float[s][d]; // (s, D)
        for (int t = 0; t < s; t++) {
            System.arraycopy(w.embed(), tokens[t] * d, x[t], 0, d);
        }
        for (TinyWeights.Layer layer : w.layers()) {
            attention(layer, x);
            mlp(layer, x);
        }
        float[][] logits = new float[s][];
        float[][] copy = copyHead(tokens);
        for (int t = 0; t < s; t++) {
            logits[t] = matVec(rmsNorm(x[t], w.finalNorm()), w.lmHead(), TinyModelSpec.VOCAB);
            for (int v = 0; v < TinyModelSpec.VOCAB; v++) {
                logits[t][v] += w.lmBias()[v] + copy[t][v];
            }
        }
        return logits;
    }

    private void attention(TinyWeights.Layer lw, float[][] x) {
        int s = x.length;
        int h = spec.heads();
        int hd = spec.headDim();
        int group = h / spec.kvHeads();
        float[][] q = new float[s][];
        float[][] k = new float[s][];
        float[][] v = new float[s][];
        for (int t = 0; t < s; t++) {
            float[] xn = rmsNorm(x[t], lw.attnNorm());
            q[t] = rope(matVec(xn, lw.wq(), h * hd), t); // (H·hd)
            k[t] = rope(matVec(xn, lw.wk(), spec.kvHeads() * hd), t); // (kvh·hd)
            v[t] = matVec(xn, lw.wv(), spec.kvHeads() * hd);
        }
        double scale = 1 / Math.sqrt(hd);
        for (int t = 0; t < s; t++) {
            float[] out = new float[h * hd];
            for (int head = 0; head < h; head++) {
                int kvOff = (head / group) * hd;
                double[] scores = new double[t + 1];
                for (int j = 0; j <= t; j++) {
                    scores[j] = dot(q[t], head * hd, k[j], kvOff, hd) * scale;
                }
                softmaxInPlace(scores);
                for (int j = 0; j <= t; j++) {
                    for (int i = 0; i < hd; i++) {
                        out[head * hd + i] += (float) (scores[j] * v[j][kvOff + i]);
                    }
                }
            }
            add(x[t], matVec(out, lw.wo(), spec.hidden()));
        }
    }

    private void mlp(TinyWeights.Layer lw, float[][] x) {
        for (float[] row : x) {
            float[] xn = rmsNorm(row, lw.mlpNorm());
            float[] gate = matVec(xn, lw.wGate(), spec.ffn());
            float[] up = matVec(xn, lw.wUp(), spec.ffn());
            for (int i = 0; i < gate.length; i++) {
                gate[i] = (float) (gate[i] / (1 + Math.exp(-gate[i])) * up[i]);
            }
            add(row, matVec(gate, lw.wDown(), spec.hidden()));
        }
    }

    /** (seq, vocab) logit contribution of the bigram copy head. */
    private float[][] copyHead(int[] tokens) {
        int s = tokens.length;
        int c = spec.copyDim();
        float[][] keys = new float[s][];
        float[][] queries = new float[s][];
        for (int t = 0; t < s; t++) {
            keys[t] = plusMixed(code(tokens, t - 1), code(tokens, t - 2));
            queries[t] = plusMixed(code(tokens, t), code(tokens, t - 1));
        }
        float[][] out = new float[s][TinyModelSpec.VOCAB];
        for (int t = 0; t < s; t++) {
            double[] scores = new double[t + 1];
            for (int j = 0; j <= t; j++) {
                scores[j] = TinyWeights.COPY_SHARPNESS * dot(queries[t], 0, keys[j], 0, c);
            }
            softmaxInPlace(scores);
            double[] mixed = new double[c];
            for (int j = 0; j <= t; j++) {
                for (int i = 0; i < c; i++) {
                    mixed[i] += scores[j] * w.copyCode()[tokens[j] * c + i];
                }
            }
            for (int vtok = 0; vtok < TinyModelSpec.VOCAB; vtok++) {
                double sum = 0;
                for (int i = 0; i < c; i++) {
                    sum += mixed[i] * w.copyCode()[vtok * c + i];
                }
                out[t][vtok] = (float) (sum * spec.copyStrength());
            }
        }
        return out;
    }

    /** code(t[i]), or zeros before the start. */
    private float[] code(int[] tokens, int i) {
        int c = spec.copyDim();
        float[] out = new float[c];
        if (i >= 0) {
            System.arraycopy(w.copyCode(), tokens[i] * c, out, 0, c);
        }
        return out;
    }

    /** a + b·M. */
    private float[] plusMixed(float[] a, float[] b) {
        float[] mixed = matVec(b, w.copyMix(), spec.copyDim());
        for (int i = 0; i < a.length; i++) {
            mixed[i] += a[i];
        }
        return mixed;
    }

    private float[] rope(float[] vec, int position) {
        int hd = spec.headDim();
        int half = hd / 2;
        float[] out = new float[vec.length];
        for (int base = 0; base < vec.length; base += hd) {
            for (int i = 0; i < half; i++) {
                double angle = position * inverseFrequency(i, hd);
                double cos = (float) Math.cos(angle);
                double sin = (float) Math.sin(angle);
                double a = vec[base + i];
                double b = vec[base + half + i];
                out[base + i] = (float) (a * cos - b * sin);
                out[base + half + i] = (float) (b * cos + a * sin);
            }
        }
        return out;
    }

    private static float[] rmsNorm(float[] x, float[] weight) {
        double ms = 0;
        for (float v : x) {
            ms += (double) v * v;
        }
        double inv = 1 / Math.sqrt(ms / x.length + TinyWeights.RMS_EPS);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * inv * weight[i]);
        }
        return out;
    }

    /** x (in) · W (in, out) → (out). */
    private static float[] matVec(float[] x, float[] weight, int outDim) {
        double[] acc = new double[outDim];
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            int row = i * outDim;
            for (int o = 0; o < outDim; o++) {
                acc[o] += xi * weight[row + o];
            }
        }
        float[] out = new float[outDim];
        for (int o = 0; o < outDim; o++) {
            out[o] = (float) acc[o];
        }
        return out;
    }

    private static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    private static void softmaxInPlace(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            max = Math.max(max, d);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
    }

    private static void add(float[] into, float[] delta) {
        for (int i = 0; i < into.length; i++) {
            into[i] += delta[i];
        }
    }
}
