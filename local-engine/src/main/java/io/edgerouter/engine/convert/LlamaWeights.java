package io.edgerouter.engine.convert;

/**
 * The weights of a {@link LlamaConfig} model, handed out lazily by name (a reader may map a file and decode one tensor
 * at a time). Names follow llama.cpp's GGUF tensor names without the {@code .weight} / {@code .bias} suffix:
 * {@code token_embd}, {@code output_norm}, {@code output}, and per layer N {@code blk.N.attn_norm},
 * {@code blk.N.attn_q|attn_k|attn_v|attn_output}, {@code blk.N.ffn_norm}, {@code blk.N.ffn_gate|ffn_up|ffn_down}.
 * Shapes: q (heads · headDim, hidden), k and v (kvHeads · headDim, hidden), attn_output (hidden, heads · headDim),
 * gate and up (ffn, hidden), down (hidden, ffn), output (vocab, hidden).
 */
public interface LlamaWeights {

    LlamaConfig config();

    /** (vocab, hidden) row-major. */
    float[] tokenEmbedding();

    /** RMSNorm weight (hidden): {@code output_norm}, {@code blk.N.attn_norm}, {@code blk.N.ffn_norm}. */
    float[] norm(String name);

    /** A projection; {@code output} only when the embeddings are not tied. */
    Linear linear(String name);

    /** Bias of {@code blk.N.attn_q|attn_k|attn_v} (its rows), only when {@link LlamaConfig#qkvBias()}. */
    float[] bias(String name);
}
