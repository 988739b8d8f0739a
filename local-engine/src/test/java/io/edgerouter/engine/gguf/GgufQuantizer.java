package io.edgerouter.engine.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Round-to-nearest quantizers that write ggml block bytes, for test fixtures (no GGUF with weights can be downloaded
 * here). Scales are rounded to fp16 first and the quants computed against the rounded scale, and the K-quant
 * sub-block scales are rounded up, so each type has a simple worst-case error for values in [−1, 1]
 * ({@link #maxError}).
 */
final class GgufQuantizer {

    private GgufQuantizer() {
    }

    /** The block bytes of {@code values} (a whole number of blocks) as {@code type}. */
    static byte[] quantize(GgufType type, float[] values) {
        if (values.length % type.blockSize() != 0) {
            throw new IllegalArgumentException(values.length + " values are not whole " + type + " blocks");
        }
        int blocks = values.length / type.blockSize();
        ByteBuffer out = ByteBuffer.allocate(blocks * type.typeSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < blocks; b++) {
            int from = b * type.blockSize();
            switch (type) {
                case F32 -> out.putFloat(values[from]);
                case F16 -> out.putShort(Fp16.fromFloat(values[from]));
                case BF16 -> out.putShort(Fp16.bf16(values[from]));
                case Q8_0 -> q80(values, from, out);
                case Q4_0 -> q40(values, from, out);
                case Q4_K -> q4k(values, from, out);
                case Q6_K -> q6k(values, from, out);
                default -> throw new IllegalArgumentException("no quantizer for " + type);
            }
        }
        return out.array();
    }

    /**
     * The largest |x − x̂| for |x| ≤ 1 (absolute; F16/BF16 are relative to |x|, see the round-trip test):
     * Q8_0 d/2 with d = 1/127; Q4_0 d with d = 1/8 (the +8 end is clamped to 7); Q4_K (range/15 + d)/2 with range
     * 2 and d = (2/15)/63; Q6_K (s + d)/2 with s = 1/31 and d = s/127; each with fp16's 2^-10 rounding of d.
     */
    static double maxError(GgufType type) {
        double fp16 = 1 + 0x1p-10;
        return switch (type) {
            case Q8_0 -> 1.0 / 127 / 2 * fp16;
            case Q4_0 -> 1.0 / 8 * fp16;
            case Q4_K -> (2.0 / 15 + 2.0 / 15 / 63 * fp16) / 2 + 1e-6;
            case Q6_K -> (1.0 / 31 + 1.0 / 31 / 127 * fp16) / 2 + 1e-6;
            default -> throw new IllegalArgumentException(type + " has a relative bound");
        };
    }

    private static void q80(float[] x, int from, ByteBuffer out) {
        float amax = 0;
        for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[from + j]));
        }
        short dh = Fp16.fromFloat(amax / 127);
        float d = Fp16.toFloat(dh);
        out.putShort(dh);
        for (int j = 0; j < 32; j++) {
            out.put((byte) (d == 0 ? 0 : clamp(Math.round(x[from + j] / d), -128, 127)));
        }
    }

    /** ggml's Q4_0 rule: d = (the value of largest magnitude) / −8, q = x/d + 8 rounded, clamped to 15. */
    private static void q40(float[] x, int from, ByteBuffer out) {
        float max = 0;
        for (int j = 0; j < 32; j++) {
            if (Math.abs(x[from + j]) > Math.abs(max)) {
                max = x[from + j];
            }
        }
        short dh = Fp16.fromFloat(max / -8);
        float d = Fp16.toFloat(dh);
        out.putShort(dh);
        int[] q = new int[32];
        for (int j = 0; j < 32; j++) {
            q[j] = d == 0 ? 8 : clamp(Math.round(x[from + j] / d) + 8, 0, 15);
        }
        for (int j = 0; j < 16; j++) {
            out.put((byte) (q[j] | q[j + 16] << 4)); // value j low nibble, value j + 16 high nibble
        }
    }

    private static void q4k(float[] x, int from, ByteBuffer out) {
        float[] scale = new float[8];
        float[] negMin = new float[8];
        for (int s = 0; s < 8; s++) {
            float lo = 0;
            float hi = -Float.MAX_VALUE;
            for (int l = 0; l < 32; l++) {
                lo = Math.min(lo, x[from + 32 * s + l]);
                hi = Math.max(hi, x[from + 32 * s + l]);
            }
            scale[s] = (hi - lo) / 15;
            negMin[s] = -lo;
        }
        short dh = Fp16.ceil(max(scale) / 63);
        short dminh = Fp16.ceil(max(negMin) / 63);
        float d = Fp16.toFloat(dh);
        float dmin = Fp16.toFloat(dminh);
        int[] ls = new int[8];
        int[] lm = new int[8];
        int[] q = new int[256];
        for (int s = 0; s < 8; s++) {
            ls[s] = d == 0 ? 0 : Math.min(63, (int) Math.ceil(scale[s] / d));
            lm[s] = dmin == 0 ? 0 : Math.min(63, (int) Math.ceil(negMin[s] / dmin));
            float sEff = d * ls[s];
            float mEff = dmin * lm[s];
            for (int l = 0; l < 32; l++) {
                int i = 32 * s + l;
                q[i] = sEff == 0 ? 0 : clamp(Math.round((x[from + i] + mEff) / sEff), 0, 15);
            }
        }
        out.putShort(dh).putShort(dminh).put(packScalesMins(ls, lm));
        for (int g = 0; g < 4; g++) {
            for (int l = 0; l < 32; l++) {
                out.put((byte) (q[64 * g + l] | q[64 * g + 32 + l] << 4)); // sub-block 2g low, 2g + 1 high
            }
        }
    }

    /** Q4_K's 12 bytes: sub-blocks 0‥3 as 6-bit values in bytes 0‥7; 4‥7 split into nibbles plus top bits. */
    static byte[] packScalesMins(int[] ls, int[] lm) {
        byte[] s = new byte[12];
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                s[j] |= (byte) ls[j];
                s[j + 4] |= (byte) lm[j];
            } else {
                s[j + 4] = (byte) ((ls[j] & 0x0F) | (lm[j] & 0x0F) << 4);
                s[j - 4] |= (byte) ((ls[j] >>> 4) << 6);
                s[j] |= (byte) ((lm[j] >>> 4) << 6);
            }
        }
        return s;
    }

    private static void q6k(float[] x, int from, ByteBuffer out) {
        float[] s = new float[16];
        for (int k = 0; k < 16; k++) {
            for (int l = 0; l < 16; l++) {
                s[k] = Math.max(s[k], Math.abs(x[from + 16 * k + l]) / 31);
            }
        }
        short dh = Fp16.ceil(max(s) / 127);
        float d = Fp16.toFloat(dh);
        int[] ls = new int[16];
        int[] q = new int[256]; // q + 32, in 0‥63
        for (int k = 0; k < 16; k++) {
            ls[k] = d == 0 ? 0 : Math.min(127, (int) Math.ceil(s[k] / d));
            float sEff = d * ls[k];
            for (int l = 0; l < 16; l++) {
                int i = 16 * k + l;
                q[i] = (sEff == 0 ? 0 : clamp(Math.round(x[from + i] / sEff), -32, 31)) + 32;
            }
        }
        byte[] ql = new byte[128];
        byte[] qh = new byte[64];
        for (int h = 0; h < 2; h++) {
            for (int l = 0; l < 32; l++) {
                int b = 128 * h + l;
                ql[64 * h + l] = (byte) ((q[b] & 0x0F) | (q[b + 64] & 0x0F) << 4);
                ql[64 * h + l + 32] = (byte) ((q[b + 32] & 0x0F) | (q[b + 96] & 0x0F) << 4);
                qh[32 * h + l] = (byte) ((q[b] >>> 4) | (q[b + 32] >>> 4) << 2 | (q[b + 64] >>> 4) << 4
                        | (q[b + 96] >>> 4) << 6);
            }
        }
        out.put(ql).put(qh);
        for (int k = 0; k < 16; k++) {
            out.put((byte) ls[k]);
        }
        out.putShort(dh);
    }

    private static float max(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
