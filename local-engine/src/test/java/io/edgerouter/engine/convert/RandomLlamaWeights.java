package io.edgerouter.engine.convert;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Seeded random weights for any {@link LlamaConfig}, held in memory; {@link #replace} swaps single projections (for
 * hand-made {@link Linear.Blocked} ones). Norm weights scatter around 1 and projections are scaled by 1/√in so that
 * activations stay O(1) through the layers, like a trained model's.
 */
public final class RandomLlamaWeights implements LlamaWeights {

    private final LlamaConfig config;
    private final float[] embedding; // (vocab, hidden)
    private final Map<String, float[]> norms = new HashMap<>();
    private final Map<String, float[]> biases = new HashMap<>();
    private final Map<String, Linear> linears = new HashMap<>();

    public RandomLlamaWeights(LlamaConfig c, long seed) {
        this.config = c;
        Random rng = new Random(seed);
        embedding = gaussian(rng, c.vocabSize() * c.hidden(), 1.0);
        norms.put("output_norm", aroundOne(rng, c.hidden()));
        int q = c.heads() * c.headDim();
        int kv = c.kvHeads() * c.headDim();
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            norms.put(p + "attn_norm", aroundOne(rng, c.hidden()));
            norms.put(p + "ffn_norm", aroundOne(rng, c.hidden()));
            dense(rng, p + "attn_q", q, c.hidden());
            dense(rng, p + "attn_k", kv, c.hidden());
            dense(rng, p + "attn_v", kv, c.hidden());
            dense(rng, p + "attn_output", c.hidden(), q);
            dense(rng, p + "ffn_gate", c.ffn(), c.hidden());
            dense(rng, p + "ffn_up", c.ffn(), c.hidden());
            dense(rng, p + "ffn_down", c.hidden(), c.ffn());
            if (c.qkvBias()) {
                biases.put(p + "attn_q", gaussian(rng, q, 0.5));
                biases.put(p + "attn_k", gaussian(rng, kv, 0.5));
                biases.put(p + "attn_v", gaussian(rng, kv, 0.5));
            }
        }
        if (!c.tiedEmbeddings()) {
            dense(rng, "output", c.vocabSize(), c.hidden());
        }
    }

    /** Replaces one projection, e.g. by a {@link Linear.Blocked} of the same shape. */
    RandomLlamaWeights replace(String name, UnaryOperator<Linear> change) {
        linears.put(name, change.apply(linears.get(name)));
        return this;
    }

    @Override
    public LlamaConfig config() {
        return config;
    }

    @Override
    public float[] tokenEmbedding() {
        return embedding.clone();
    }

    @Override
    public float[] norm(String name) {
        return norms.get(name).clone();
    }

    @Override
    public Linear linear(String name) {
        return linears.get(name);
    }

    @Override
    public float[] bias(String name) {
        return biases.get(name).clone();
    }

    private void dense(Random rng, String name, int rows, int cols) {
        linears.put(name, new Linear.Dense(rows, cols, gaussian(rng, rows * cols, 1 / Math.sqrt(cols))));
    }

    private static float[] gaussian(Random rng, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        return v;
    }

    private static float[] aroundOne(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (1 + 0.2 * rng.nextGaussian());
        }
        return v;
    }
}
