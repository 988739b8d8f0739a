package io.edgerouter.engine.gguf;

/**
 * The tests' own binary16 conversions, written from the IEEE 754 layout (1 sign, 5 exponent bits with bias 15, 10
 * mantissa bits) and independent of the reader's {@code Half}, so fixtures and expectations do not lean on the code
 * under test.
 */
final class Fp16 {

    private Fp16() {
    }

    /** The fp16 bits nearest to {@code f} (ties to even); overflow gives infinity. */
    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) {
            return (short) (sign | 0x7C00 | (abs > 0x7F80_0000 ? 0x200 : 0));
        }
        if (abs >= 0x477F_F000) {
            // 65520 and above: halfway past 65504 (odd mantissa), so it rounds to infinity
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x3880_0000) {
            // below 2^-14: a subnormal, counted in units of 2^-24; rint rounds ties to even
            return (short) (sign | (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24));
        }
        int h = ((((abs >>> 23) - 127 + 15) << 10) | ((abs & 0x7F_FFFF) >>> 13));
        int rest = abs & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) == 1)) {
            h++; // a carry out of the mantissa correctly bumps the exponent
        }
        return (short) (sign | h);
    }

    /** The smallest fp16 ≥ f for f ≥ 0, so a scale rounded this way never shrinks the range it must cover. */
    static short ceil(float f) {
        short h = fromFloat(f);
        return toFloat(h) < f ? (short) (h + 1) : h;
    }

    static float toFloat(short h) {
        int sign = (h & 0x8000) != 0 ? -1 : 1;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return mant == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        double v = exp == 0 ? Math.scalb((double) mant, -24) : Math.scalb(1024.0 + mant, exp - 25);
        return (float) (sign * v);
    }

    /** The bf16 bits nearest to {@code f} (ties to even; not for NaN). */
    static short bf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
