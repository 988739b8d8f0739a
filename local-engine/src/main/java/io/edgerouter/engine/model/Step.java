package io.edgerouter.engine.model;

/**
 * The inputs of one forward pass, as the session bookkeeping computes them.
 *
 * @param tokens    new token ids (seq)
 * @param positions their positions in the sequence (seq); with masked rollback these skip masked slots
 * @param mask      1 for every cached or new position that counts, 0 for a masked (rolled-back) slot (total)
 * @param rows      how many of the last new positions need logits; 0 = none
 */
public record Step(int[] tokens, long[] positions, long[] mask, int rows) {
    public Step {
        if (positions.length != tokens.length) {
            throw new IllegalArgumentException(positions.length + " positions for " + tokens.length + " tokens");
        }
        if (rows < 0 || rows > tokens.length) {
            throw new IllegalArgumentException("rows " + rows + " must be in [0, " + tokens.length + "]");
        }
    }

    /** {@code tokens} right after {@code past} cached positions, every one of which counts. */
    public static Step contiguous(int[] tokens, int past, int rows) {
        long[] positions = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            positions[i] = past + i;
        }
        long[] mask = new long[past + tokens.length];
        java.util.Arrays.fill(mask, 1L);
        return new Step(tokens, positions, mask, rows);
    }
}
