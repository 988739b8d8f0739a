package io.edgerouter.engine.gguf;

import java.nio.ByteBuffer;

/**
 * Decodes ggml blocks to floats, one block layout per method, following the reference dequantizers in ggml's
 * {@code ggml-quants.c} (same operation order, so the same float results up to the C compiler's FMA contraction).
 * Byte layouts per block (little-endian, fp16 scales):
 * <ul>
 *   <li>Q8_0 (34 B): d, qs[32] int8; x[j] = d·qs[j].</li>
 *   <li>Q4_0 (18 B): d, qs[16]; x[j] = d·((qs[j] &amp; 15) − 8), x[j+16] = d·((qs[j] &gt;&gt; 4) − 8).</li>
 *   <li>Q4_K (144 B, 256 values in 8 sub-blocks of 32): d, dmin, scales[12] (eight 6-bit scales and eight 6-bit mins,
 *       packed), qs[128]; x = d·sc·q − dmin·m.</li>
 *   <li>Q6_K (210 B, 256 values in 16 sub-blocks of 16): ql[128] (low 4 bits), qh[64] (high 2 bits), scales[16] int8,
 *       d; x = d·sc·(q − 32).</li>
 * </ul>
 */
final class GgufDequantizer {

    private GgufDequantizer() {
    }

    /**
     * Decodes {@code blocks} blocks of {@code type} from {@code src} (starting at its index 0) into
     * {@code dst[dstOff ..]}, blockSize values per block.
     */
    static void decode(GgufType type, ByteBuffer src, int blocks, float[] dst, int dstOff) {
        switch (type) {
            case F32 -> src.asFloatBuffer().get(dst, dstOff, blocks);
            case F16 -> {
                for (int i = 0; i < blocks; i++) {
                    dst[dstOff + i] = Half.toFloat(src.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < blocks; i++) {
                    // bf16 is the top half of an f32
                    dst[dstOff + i] = Float.intBitsToFloat((src.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            case Q8_0 -> q80(src, blocks, dst, dstOff);
            case Q4_0 -> q40(src, blocks, dst, dstOff);
            case Q4_K -> q4k(src, blocks, dst, dstOff);
            case Q6_K -> q6k(src, blocks, dst, dstOff);
            default -> throw new IllegalArgumentException("no decoder for " + type);
        }
    }

    private static void q80(ByteBuffer src, int blocks, float[] dst, int dstOff) {
        for (int b = 0; b < blocks; b++) {
            int at = b * 34;
            float d = Half.toFloat(src.getShort(at));
            int out = dstOff + b * 32;
            for (int j = 0; j < 32; j++) {
                dst[out + j] = src.get(at + 2 + j) * d;
            }
        }
    }

    private static void q40(ByteBuffer src, int blocks, float[] dst, int dstOff) {
        for (int b = 0; b < blocks; b++) {
            int at = b * 18;
            float d = Half.toFloat(src.getShort(at));
            int out = dstOff + b * 32;
            for (int j = 0; j < 16; j++) {
                int q = src.get(at + 2 + j) & 0xFF;
                dst[out + j] = ((q & 0x0F) - 8) * d;
                dst[out + j + 16] = ((q >>> 4) - 8) * d;
            }
        }
    }

    private static void q4k(ByteBuffer src, int blocks, float[] dst, int dstOff) {
        byte[] scales = new byte[12];
        for (int b = 0; b < blocks; b++) {
            int at = b * 144;
            float d = Half.toFloat(src.getShort(at));
            float dmin = Half.toFloat(src.getShort(at + 2));
            src.get(at + 4, scales);
            int qs = at + 16;
            int out = dstOff + b * 256;
            // four groups of 64 values: 32 bytes of qs, low nibbles are sub-block 2g, high nibbles 2g + 1
            for (int g = 0; g < 4; g++) {
                float d1 = d * scale(scales, 2 * g);
                float m1 = dmin * min(scales, 2 * g);
                float d2 = d * scale(scales, 2 * g + 1);
                float m2 = dmin * min(scales, 2 * g + 1);
                for (int l = 0; l < 32; l++) {
                    int q = src.get(qs + 32 * g + l) & 0xFF;
                    dst[out + 64 * g + l] = d1 * (q & 0x0F) - m1;
                    dst[out + 64 * g + 32 + l] = d2 * (q >>> 4) - m2;
                }
            }
        }
    }

    /**
     * Q4_K sub-block j's 6-bit scale: for j &lt; 4 the low 6 bits of byte j; for j ≥ 4 the low nibble of byte j + 4
     * with the top 2 bits of byte j − 4 above it.
     */
    static int scale(byte[] s, int j) {
        return j < 4 ? s[j] & 63 : (s[j + 4] & 0x0F) | ((s[j - 4] & 0xFF) >>> 6 << 4);
    }

    /** Q4_K sub-block j's 6-bit min: byte j + 4 for j &lt; 4; else the high nibble of byte j + 4 and top bits of j. */
    static int min(byte[] s, int j) {
        return j < 4 ? s[j + 4] & 63 : ((s[j + 4] & 0xFF) >>> 4) | ((s[j] & 0xFF) >>> 6 << 4);
    }

    private static void q6k(ByteBuffer src, int blocks, float[] dst, int dstOff) {
        for (int b = 0; b < blocks; b++) {
            int at = b * 210;
            float d = Half.toFloat(src.getShort(at + 208));
            int out = dstOff + b * 256;
            // two halves of 128 values: 64 bytes of ql, 32 of qh and 8 scales each
            for (int h = 0; h < 2; h++) {
                int ql = at + 64 * h;
                int qh = at + 128 + 32 * h;
                int sc = at + 192 + 8 * h;
                int y = out + 128 * h;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int lo = src.get(ql + l) & 0xFF;
                    int lo2 = src.get(ql + l + 32) & 0xFF;
                    int hi = src.get(qh + l) & 0xFF;
                    int q1 = ((lo & 0x0F) | ((hi & 3) << 4)) - 32;
                    int q2 = ((lo2 & 0x0F) | (((hi >>> 2) & 3) << 4)) - 32;
                    int q3 = ((lo >>> 4) | (((hi >>> 4) & 3) << 4)) - 32;
                    int q4 = ((lo2 >>> 4) | (((hi >>> 6) & 3) << 4)) - 32;
                    dst[y + l] = d * src.get(sc + is) * q1;
                    dst[y + l + 32] = d * src.get(sc + is + 2) * q2;
                    dst[y + l + 64] = d * src.get(sc + is + 4) * q3;
                    dst[y + l + 96] = d * src.get(sc + is + 6) * q4;
                }
            }
        }
    }
}
