package io.edgerouter.engine.bench;

import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.LlamaWeights;

import java.util.SplittableRandom;

/**
 * Random weights of a real model's shapes, made one tensor at a time when asked for (a 0.5B model never sits in the
 * heap whole): uniform in ±{@link #SCALE} (about the spread of trained projections), norms at 1, seeded by name so a
 * tensor is the same on every call. For speed and memory measurements only: the text such a model writes means
 * nothing.
 */
final class RandomLlamaWeights implements LlamaWeights {

    static final float SCALE = 0.035f;

    private final LlamaConfig config;
    private final long seed;

    RandomLlamaWeights(LlamaConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    /** Qwen2.5-0.5B's shapes: 24 layers, hidden 896, 14 heads, 2 KV heads, FFN 4864, vocabulary 151936, tied head. */
    static LlamaConfig qwen25HalfB() {
        return new LlamaConfig("qwen2", 151_936, 896, 4864, 24, 14, 2, 64, 64, 32_768, 1_000_000.0,
                LlamaConfig.RopeStyle.HALF, 1e-6, true, true, 151_643, 151_645);
    }

    @Override
    public LlamaConfig config() {
        return config;
    }

    @Override
    public float[] tokenEmbedding() {
        return random("token_embd", (long) config.vocabSize() * config.hidden());
    }

    @Override
    public float[] norm(String name) {
        float[] ones = new float[config.hidden()];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }

    @Override
    public Linear linear(String name) {
        String kind = name.substring(name.lastIndexOf('.') + 1);
        int q = config.heads() * config.headDim();
        int kv = config.kvHeads() * config.headDim();
        int h = config.hidden();
        int[] shape = switch (kind) {
            case "attn_q" -> new int[] {q, h};
            case "attn_k", "attn_v" -> new int[] {kv, h};
            case "attn_output" -> new int[] {h, q};
            case "ffn_gate", "ffn_up" -> new int[] {config.ffn(), h};
            case "ffn_down" -> new int[] {h, config.ffn()};
            case "output" -> new int[] {config.vocabSize(), h};
            default -> throw new IllegalArgumentException("no projection " + name);
        };
        return new Linear.Dense(shape[0], shape[1], random(name, (long) shape[0] * shape[1]));
    }

    @Override
    public float[] bias(String name) {
        int rows = ((Linear.Dense) linear(name)).rows();
        return random(name + ".bias", rows);
    }

    private float[] random(String name, long n) {
        SplittableRandom rng = new SplittableRandom(seed ^ name.hashCode());
        float[] out = new float[Math.toIntExact(n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((rng.nextDouble() * 2 - 1) * SCALE);
        }
        return out;
    }
}
