package io.edgerouter.engine.gguf;

import io.edgerouter.engine.convert.Linear;

import java.nio.ByteBuffer;

/**
 * Re-packs GGUF Q4_0 and Q8_0 blocks as {@link Linear.Blocked} without changing a value. Both formats are one fp16
 * scale per 32 consecutive values of a row, and rows are a whole number of blocks, so the i-th ggml block of the file
 * is block i of the (rows, blocks) layout; only the quant bytes are rearranged.
 */
final class GgufLinear {

    private static final int BLOCK = 32;

    private GgufLinear() {
    }

    /**
     * Q4_0 x = d·(q − 8) is Blocked 4-bit with the default zero point 8. ggml puts value j in the low nibble and value
     * j + 16 in the high nibble of quant byte j; Blocked wants values 2i (low) and 2i + 1 (high) in byte i.
     */
    static Linear.Blocked q40(GgufTensor t, GgufBytes bytes) {
        int blocks = blockCount(t);
        byte[] packed = new byte[blocks * BLOCK / 2]; // (rows, blocks per row, 16)
        float[] scales = new float[blocks]; // (rows, blocks per row)
        byte[] qs = new byte[16];
        forEachBlock(t, bytes, (src, at, block) -> {
            scales[block] = Half.toFloat(src.getShort(at));
            src.get(at + 2, qs);
            for (int i = 0; i < 16; i++) {
                packed[block * 16 + i] = (byte) (nibble(qs, 2 * i) | nibble(qs, 2 * i + 1) << 4);
            }
        });
        return new Linear.Blocked((int) t.rows(), (int) t.cols(), 4, BLOCK, packed, scales, null);
    }

    /** The 4-bit quant of value e (0‥31) of a ggml Q4_0 block. */
    private static int nibble(byte[] qs, int e) {
        return e < 16 ? qs[e] & 0x0F : (qs[e - 16] & 0xFF) >>> 4;
    }

    /**
     * Q8_0 x = d·q with q signed is Blocked 8-bit unsigned q + 128 with the default zero point 128; adding 128 to a
     * two's-complement byte is flipping its top bit.
     */
    static Linear.Blocked q80(GgufTensor t, GgufBytes bytes) {
        int blocks = blockCount(t);
        byte[] packed = new byte[blocks * BLOCK]; // (rows, blocks per row, 32)
        float[] scales = new float[blocks]; // (rows, blocks per row)
        forEachBlock(t, bytes, (src, at, block) -> {
            scales[block] = Half.toFloat(src.getShort(at));
            src.get(at + 2, packed, block * BLOCK, BLOCK);
            for (int j = 0; j < BLOCK; j++) {
                packed[block * BLOCK + j] ^= (byte) 0x80;
            }
        });
        return new Linear.Blocked((int) t.rows(), (int) t.cols(), 8, BLOCK, packed, scales, null);
    }

    private static int blockCount(GgufTensor t) {
        return (int) (t.elementCount() / BLOCK);
    }

    private interface BlockVisitor {
        /** Block number {@code block} of the tensor starts at index {@code at} of {@code src}. */
        void visit(ByteBuffer src, int at, int block);
    }

    private static void forEachBlock(GgufTensor t, GgufBytes bytes, BlockVisitor visitor) {
        int typeSize = t.type().typeSize();
        int blocks = blockCount(t);
        int perChunk = Math.max(1, bytes.maxSlice() / typeSize);
        for (int b = 0; b < blocks; b += perChunk) {
            int k = Math.min(perChunk, blocks - b);
            ByteBuffer src = bytes.slice(t.dataOffset() + (long) b * typeSize, k * typeSize);
            for (int i = 0; i < k; i++) {
                visitor.visit(src, i * typeSize, b + i);
            }
        }
    }
}
