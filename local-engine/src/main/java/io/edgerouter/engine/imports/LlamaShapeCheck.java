package io.edgerouter.engine.imports;

import io.edgerouter.engine.convert.LlamaConfig;

/** The (rows, cols) a Llama projection must have, by its GGUF-style name ({@code blk.N.attn_q}, {@code output}...). */
final class LlamaShapeCheck {

    private LlamaShapeCheck() {
    }

    static int[] expected(LlamaConfig c, String name) {
        String kind = name.substring(name.lastIndexOf('.') + 1);
        int q = c.heads() * c.headDim();
        int kv = c.kvHeads() * c.headDim();
        return switch (kind) {
            case "attn_q" -> new int[] {q, c.hidden()};
            case "attn_k", "attn_v" -> new int[] {kv, c.hidden()};
            case "attn_output" -> new int[] {c.hidden(), q};
            case "ffn_gate", "ffn_up" -> new int[] {c.ffn(), c.hidden()};
            case "ffn_down" -> new int[] {c.hidden(), c.ffn()};
            case "output" -> new int[] {c.vocabSize(), c.hidden()};
            default -> throw new IllegalArgumentException("not a projection: " + name);
        };
    }
}
