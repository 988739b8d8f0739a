package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

/**
 * Fetches tensors from {@link LlamaWeights} and checks each against the shape its {@link LlamaConfig} implies, so a
 * reader handing out a wrong-sized tensor fails with the tensor's name instead of a garbled graph.
 */
final class LlamaShapes {

    private LlamaShapes() {
    }

    /** (vocab, hidden) row-major. */
    static float[] tokenEmbedding(LlamaWeights w) {
        LlamaConfig c = w.config();
        return check("token_embd", w.tokenEmbedding(), (long) c.vocabSize() * c.hidden());
    }

    /** (hidden). */
    static float[] norm(LlamaWeights w, String name) {
        return check(name, w.norm(name), w.config().hidden());
    }

    /** (rows of the projection). */
    static float[] bias(LlamaWeights w, String name) {
        return check(name + ".bias", w.bias(name), rows(w.config(), name));
    }

    /** A projection checked to be (rows, cols) as {@link LlamaWeights} documents for {@code name}. */
    static Linear linear(LlamaWeights w, String name) {
        LlamaConfig c = w.config();
        Linear linear = w.linear(name);
        int cols = name.endsWith("attn_output") ? c.heads() * c.headDim()
                : name.endsWith("ffn_down") ? c.ffn() : c.hidden();
        if (linear.rows() != rows(c, name) || linear.cols() != cols) {
            throw new ModelLoadException("weight " + name + " is (" + linear.rows() + ", " + linear.cols()
                    + "), expected (" + rows(c, name) + ", " + cols + ") for " + c.architecture() + " hidden "
                    + c.hidden() + ", " + c.heads() + " heads, " + c.kvHeads() + " kv heads, head_dim "
                    + c.headDim() + ", ffn " + c.ffn() + ", vocab " + c.vocabSize());
        }
        return linear;
    }

    private static int rows(LlamaConfig c, String name) {
        String kind = name.substring(name.lastIndexOf('.') + 1);
        return switch (kind) {
            case "attn_q" -> c.heads() * c.headDim();
            case "attn_k", "attn_v" -> c.kvHeads() * c.headDim();
            case "attn_output", "ffn_down" -> c.hidden();
            case "ffn_gate", "ffn_up" -> c.ffn();
            case "output" -> c.vocabSize();
            default -> throw new ModelLoadException("no projection named '" + name + "'");
        };
    }

    private static float[] check(String name, float[] values, long expected) {
        if (values == null || values.length != expected) {
            throw new ModelLoadException("tensor " + name + " has " + (values == null ? "no" : values.length)
                    + " values, expected " + expected);
        }
        return values;
    }
}
