package io.edgerouter.engine.gguf;

/**
 * IEEE 754 binary16 → binary32, exact for every input (Java 17 has no {@code Float.float16ToFloat}). A 65536-entry
 * table (256 KiB) makes the per-value cost one array load, which the block decoders call once per scale.
 */
final class Half {

    private static final float[] TABLE = new float[1 << 16];

    static {
        for (int h = 0; h < TABLE.length; h++) {
            TABLE[h] = convert(h);
        }
    }

    private Half() {
    }

    /** The value of the fp16 bits in the low 16 bits of {@code bits}. */
    static float toFloat(int bits) {
        return TABLE[bits & 0xFFFF];
    }

    private static float convert(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            // infinity or NaN: all-ones exponent, mantissa carried into the top of the f32 mantissa
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: mant · 2^-24, exact in f32
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
