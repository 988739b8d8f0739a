package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

/**
 * Hyperparameters of a Llama-family decoder (Llama 2/3, TinyLlama, SmolLM2, Mistral, Qwen2, llama2.c checkpoints):
 * RMSNorm, rotary position embeddings, grouped-query attention, SwiGLU MLP.
 *
 * @param architecture   where it came from, e.g. {@code llama}, {@code qwen2}, {@code llama2.c}
 * @param headDim        per-head width; usually hidden / heads
 * @param ropeDims       rotated dimensions per head (≤ headDim; the rest pass through)
 * @param contextLength  positions the model was trained for
 * @param qkvBias        whether q, k and v projections have biases (Qwen2)
 * @param tiedEmbeddings whether the output projection reuses the token embedding
 * @param ropeScaling    how the rotary frequencies are divided for a longer context ({@link RopeScaling#none()} when
 *                       they are not; null means none); given divisors must number ropeDims/2
 */
public record LlamaConfig(String architecture, int vocabSize, int hidden, int ffn, int layers, int heads, int kvHeads,
                          int headDim, int ropeDims, int contextLength, double ropeTheta, RopeStyle rope,
                          double rmsEps, boolean qkvBias, boolean tiedEmbeddings, int bosTokenId, int eosTokenId,
                          RopeScaling ropeScaling) {

    public LlamaConfig {
        if (vocabSize <= 0 || hidden <= 0 || ffn <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0
                || contextLength <= 0) {
            throw new ModelLoadException("model hyperparameters must be positive: vocab=" + vocabSize + " hidden="
                    + hidden + " ffn=" + ffn + " layers=" + layers + " heads=" + heads + " kv_heads=" + kvHeads
                    + " head_dim=" + headDim + " context=" + contextLength);
        }
        if (heads % kvHeads != 0) {
            throw new ModelLoadException("attention heads " + heads + " must be a multiple of kv heads " + kvHeads);
        }
        if (ropeDims <= 0 || ropeDims > headDim || ropeDims % 2 != 0) {
            throw new ModelLoadException("rotary dimensions " + ropeDims + " must be even and in (0, head_dim "
                    + headDim + "]");
        }
        if (!(ropeTheta > 0) || !(rmsEps > 0)) {
            throw new ModelLoadException("rope theta " + ropeTheta + " and rms epsilon " + rmsEps
                    + " must be positive");
        }
        ropeScaling = ropeScaling == null ? RopeScaling.none() : ropeScaling;
        if (ropeScaling.kind() == RopeScaling.Kind.FREQUENCY_DIVISORS
                && ropeScaling.frequencyDivisors().length != ropeDims / 2) {
            throw new ModelLoadException(ropeScaling.frequencyDivisors().length + " rotary frequency divisors for "
                    + ropeDims + " rotary dimensions, expected " + ropeDims / 2 + " (one per rotated pair)");
        }
    }

    /** The same hyperparameters without rotary scaling. */
    public LlamaConfig(String architecture, int vocabSize, int hidden, int ffn, int layers, int heads, int kvHeads,
                       int headDim, int ropeDims, int contextLength, double ropeTheta, RopeStyle rope,
                       double rmsEps, boolean qkvBias, boolean tiedEmbeddings, int bosTokenId, int eosTokenId) {
        this(architecture, vocabSize, hidden, ffn, layers, heads, kvHeads, headDim, ropeDims, contextLength,
                ropeTheta, rope, rmsEps, qkvBias, tiedEmbeddings, bosTokenId, eosTokenId, RopeScaling.none());
    }

    /** A copy with another rotary scaling. */
    public LlamaConfig withRopeScaling(RopeScaling scaling) {
        return new LlamaConfig(architecture, vocabSize, hidden, ffn, layers, heads, kvHeads, headDim, ropeDims,
                contextLength, ropeTheta, rope, rmsEps, qkvBias, tiedEmbeddings, bosTokenId, eosTokenId, scaling);
    }

    /**
     * The angle per position of each rotated pair, θ^(−2i / ropeDims) divided by the scaling's divisor:
     * (ropeDims/2). Position p turns pair i by p times this.
     */
    public double[] ropeFrequencies() {
        double[] divisors = ropeScaling.divisors(ropeTheta, ropeDims);
        double[] out = new double[divisors.length]; // (ropeDims/2)
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.pow(ropeTheta, -2.0 * i / ropeDims) / divisors[i];
        }
        return out;
    }

    /** Which pairs of a head's dimensions one rotary frequency rotates. */
    public enum RopeStyle {
        /** Adjacent pairs (2i, 2i+1): llama2.c, and GGUF {@code llama} (llama.cpp's converter permutes q/k for it). */
        INTERLEAVED,
        /** Halves (i, i + d/2), "rotate half": Hugging Face Llama/Qwen2, GGUF {@code qwen2} (NeoX style). */
        HALF
    }
}
