package io.edgerouter.engine.model;

/**
 * Sees every row of logits a forward pass computed, one at a time, while it is still in the pass's output buffer
 * (a prefill chunk's (seq, vocab) logits are never copied to the heap as a whole).
 */
@FunctionalInterface
public interface LogitsVisitor {

    /**
     * @param index  the row's position within the pass's new tokens, from 0
     * @param logits (vocab) the row, float32; a scratch array reused for the next row, valid only during this call
     */
    void row(int index, float[] logits);
}
