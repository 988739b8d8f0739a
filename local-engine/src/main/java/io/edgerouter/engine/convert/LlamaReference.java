package io.edgerouter.engine.convert;

import java.util.Arrays;

/**
 * Naive plain-Java forward pass of a {@link LlamaConfig} decoder, in paper order, without a KV cache: the oracle the
 * ONNX graph {@link LlamaOnnx} writes is tested against. Every weight is read once, up front, as dense fp32
 * ({@link Linear.Blocked} through {@link Linear.Blocked#dequantize()}); arithmetic accumulates in double.
 */
public final class LlamaReference {

    private final LlamaConfig c;
    private final float[] embedding; // (vocab, hidden)
    private final float[] finalNorm; // (hidden)
    private final float[] head; // (vocab, hidden)
    private final Layer[] layers;

    /** One block's weights; projections (out, in) row-major, biases null when the model has none. */
    private record Layer(float[] attnNorm, float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv,
                         float[] wo, float[] ffnNorm, float[] gate, float[] up, float[] down) {
    }

    /** Reads every tensor of {@code weights} now (dense fp32), checking each against the config's shapes. */
    public LlamaReference(LlamaWeights weights) {
        this.c = weights.config();
        this.embedding = LlamaShapes.tokenEmbedding(weights);
        this.finalNorm = LlamaShapes.norm(weights, "output_norm");
        this.head = c.tiedEmbeddings() ? embedding : dense(LlamaShapes.linear(weights, "output"));
        this.layers = new Layer[c.layers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "blk." + l + ".";
            layers[l] = new Layer(LlamaShapes.norm(weights, p + "attn_norm"),
                    linear(weights, p + "attn_q"), bias(weights, p + "attn_q"),
                    linear(weights, p + "attn_k"), bias(weights, p + "attn_k"),
                    linear(weights, p + "attn_v"), bias(weights, p + "attn_v"),
                    linear(weights, p + "attn_output"), LlamaShapes.norm(weights, p + "ffn_norm"),
                    linear(weights, p + "ffn_gate"), linear(weights, p + "ffn_up"),
                    linear(weights, p + "ffn_down"));
        }
    }

    private static float[] linear(LlamaWeights weights, String name) {
        return dense(LlamaShapes.linear(weights, name));
    }

    /** The (rows, cols) values of a projection, whatever its storage. */
    static float[] dense(Linear weight) {
        return weight instanceof Linear.Blocked b ? b.dequantize() : ((Linear.Dense) weight).values();
    }

    private float[] bias(LlamaWeights weights, String name) {
        return c.qkvBias() ? LlamaShapes.bias(weights, name) : null;
    }

    /** Logits for every position of {@code tokens} (position i sees tokens 0..i): (seq, vocab). */
    public float[][] logits(int[] tokens) {
        int d = c.hidden();
        float[][] x = new float[tokens.length][]; // (seq, hidden)
        for (int t = 0; t < tokens.length; t++) {
            x[t] = Arrays.copyOfRange(embedding, tokens[t] * d, (tokens[t] + 1) * d);
        }
        double[][] angles = rotaryAngles(tokens.length);
        for (Layer layer : layers) {
            attention(layer, x, angles);
            feedForward(layer, x);
        }
        float[][] logits = new float[tokens.length][]; // (seq, vocab)
        for (int t = 0; t < tokens.length; t++) {
            logits[t] = matVec(head, rmsNorm(x[t], finalNorm), null);
        }
        return logits;
    }

    /** x += Wo · softmax(q·kᵀ / √headDim + causal) · v, each query head reading kv head (head / group). */
    private void attention(Layer w, float[][] x, double[][] angles) {
        int hd = c.headDim();
        int group = c.heads() / c.kvHeads();
        float[][] q = new float[x.length][]; // (seq, heads · headDim)
        float[][] k = new float[x.length][]; // (seq, kvHeads · headDim)
        float[][] v = new float[x.length][]; // (seq, kvHeads · headDim)
        for (int t = 0; t < x.length; t++) {
            float[] h = rmsNorm(x[t], w.attnNorm());
            q[t] = rope(matVec(w.wq(), h, w.bq()), angles[t]);
            k[t] = rope(matVec(w.wk(), h, w.bk()), angles[t]);
            v[t] = matVec(w.wv(), h, w.bv());
        }
        double scale = 1 / Math.sqrt(hd);
        for (int t = 0; t < x.length; t++) {
            float[] out = new float[c.heads() * hd]; // (heads · headDim)
            for (int head = 0; head < c.heads(); head++) {
                int kv = (head / group) * hd;
                double[] p = new double[t + 1]; // (t + 1) causal: positions 0..t
                for (int j = 0; j <= t; j++) {
                    p[j] = dot(q[t], head * hd, k[j], kv, hd) * scale;
                }
                softmax(p);
                for (int j = 0; j <= t; j++) {
                    for (int i = 0; i < hd; i++) {
                        out[head * hd + i] += (float) (p[j] * v[j][kv + i]);
                    }
                }
            }
            add(x[t], matVec(w.wo(), out, null));
        }
    }

    /** x += W_down · (silu(W_gate · h) ⊙ W_up · h), h = RMSNorm(x). */
    private void feedForward(Layer w, float[][] x) {
        for (float[] row : x) {
            float[] h = rmsNorm(row, w.ffnNorm());
            float[] gate = matVec(w.gate(), h, null); // (ffn)
            float[] up = matVec(w.up(), h, null); // (ffn)
            for (int i = 0; i < gate.length; i++) {
                gate[i] = (float) (gate[i] / (1 + Math.exp(-gate[i])) * up[i]);
            }
            add(row, matVec(w.down(), gate, null));
        }
    }

    /**
     * Rotates each head's first ropeDims dimensions by position · θ^(−2i / ropeDims) / divisor_i, pair i being
     * (2i, 2i+1) for INTERLEAVED or (i, i + ropeDims/2) for HALF; the remaining dimensions pass through.
     *
     * @param angles (ropeDims/2, 2) cos and sin of this position's angles
     */
    private float[] rope(float[] vec, double[] angles) {
        int hd = c.headDim();
        int half = c.ropeDims() / 2;
        boolean interleaved = c.rope() == LlamaConfig.RopeStyle.INTERLEAVED;
        float[] out = vec.clone(); // (n · headDim)
        for (int base = 0; base < vec.length; base += hd) {
            for (int i = 0; i < half; i++) {
                int ia = base + (interleaved ? 2 * i : i);
                int ib = interleaved ? ia + 1 : ia + half;
                double cos = angles[2 * i];
                double sin = angles[2 * i + 1];
                out[ia] = (float) (vec[ia] * cos - vec[ib] * sin);
                out[ib] = (float) (vec[ia] * sin + vec[ib] * cos);
            }
        }
        return out;
    }

    /**
     * (seq, ropeDims/2 · 2): cos and sin of position · θ^(−2i / ropeDims) / divisor_i (the config's rotary scaling),
     * rounded to float like stored tables.
     */
    private double[][] rotaryAngles(int seq) {
        int half = c.ropeDims() / 2;
        double[] divisors = c.ropeScaling().divisors(c.ropeTheta(), c.ropeDims()); // (ropeDims/2)
        double[][] out = new double[seq][2 * half];
        for (int pos = 0; pos < seq; pos++) {
            for (int i = 0; i < half; i++) {
                double angle = pos * Math.pow(c.ropeTheta(), -2.0 * i / c.ropeDims()) / divisors[i];
                out[pos][2 * i] = (float) Math.cos(angle);
                out[pos][2 * i + 1] = (float) Math.sin(angle);
            }
        }
        return out;
    }

    private float[] rmsNorm(float[] x, float[] weight) {
        double ms = 0;
        for (float v : x) {
            ms += (double) v * v;
        }
        double inv = 1 / Math.sqrt(ms / x.length + c.rmsEps());
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * inv * weight[i]);
        }
        return out;
    }

    /** W (out, in) · x (in) + bias → (out). */
    private static float[] matVec(float[] w, float[] x, float[] bias) {
        int rows = w.length / x.length;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) (dot(w, r * x.length, x, 0, x.length) + (bias == null ? 0 : bias[r]));
        }
        return out;
    }

    /** Σ a·b in double; four partial sums only so the CPU can overlap the additions (the greedy test runs 8 G). */
    private static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[aOff + i] * b[bOff + i];
            s1 += (double) a[aOff + i + 1] * b[bOff + i + 1];
            s2 += (double) a[aOff + i + 2] * b[bOff + i + 2];
            s3 += (double) a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void softmax(double[] v) {
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
