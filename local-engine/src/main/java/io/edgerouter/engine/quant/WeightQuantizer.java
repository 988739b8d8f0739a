package io.edgerouter.engine.quant;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;

/**
 * Round-to-nearest block quantization of dense weights to 4 or 8 bits: each row is cut into blocks of
 * {@code blockSize} columns and every block gets its own scale (and, for {@link Scheme#ASYMMETRIC}, zero point), so
 * that {@code value ≈ scale · (q − zero)} as {@link Linear.Blocked#dequantize()} states. Columns past the end of the
 * last block are padding: they hold the zero point, i.e. dequantize to 0.
 *
 * @param bits      4 or 8
 * @param blockSize columns per block, a power of two ≥ 16 (MatMulNBits' limits)
 * @param scheme    how a block's scale and zero point are chosen
 */
public record WeightQuantizer(int bits, int blockSize, Scheme scheme) implements LinearQuantizer {

    /** The block size used when none is given: 32, as GGUF Q4_0/Q8_0. */
    public static final int DEFAULT_BLOCK_SIZE = 32;

    /**
     * The scheme {@link #int4}, {@link #int8} and {@link #quantize(Linear.Dense, int, int)} use. Measured by
     * WeightQuantizerSchemeTest, asymmetric blocks have the lowest error of the three schemes on every matrix tried,
     * at both widths: 4-bit noise-to-signal 0.081 against 0.086 (full-range symmetric) and 0.097 (symmetric) on
     * Gaussian weights, 0.102 / 0.128 / 0.145 on Student-t (ν = 3) weights, 0.040 / 0.063 / 0.072 on off-centre
     * blocks, 0.076–0.081 / 0.080–0.087 / 0.089–0.097 on stories260K's. The price is a zero point per block (half a
     * byte per 32 weights at 4 bits, 2.5 % more bytes) and up to 10 % more time in ONNX Runtime 1.29's CPU kernel
     * (one token through K = 896, N = 4864 at accuracy level 4: 0.52 against 0.47 ms at 4 bits, 0.68 against 0.67 ms
     * at 8 bits).
     */
    public static final Scheme DEFAULT_SCHEME = Scheme.ASYMMETRIC;

    /** How a block's scale and zero point are chosen. */
    public enum Scheme {
        /**
         * Zero point 2^(bits−1) (no zero-point tensor), scale = max|x| / (2^(bits−1) − 1): levels
         * −(2^(bits−1) − 1) … 2^(bits−1) − 1, error ≤ scale / 2.
         */
        SYMMETRIC,
        /**
         * Zero point 2^(bits−1), scale = x* / −2^(bits−1) for the block's value x* of largest magnitude (so the scale
         * may be negative): uses all 2^bits levels, but a value near −x* clips by up to one step.
         */
        SYMMETRIC_FULL_RANGE,
        /**
         * Scale = (max − min) / (2^bits − 1) over the block's values and 0, zero point round(−min / scale) stored per
         * block: the grid spans the block's actual range, error ≤ scale / 2.
         */
        ASYMMETRIC
    }

    public WeightQuantizer {
        if (bits != 4 && bits != 8) {
            throw new IllegalArgumentException("bits must be 4 or 8, got " + bits);
        }
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two ≥ 16, got " + blockSize);
        }
        if (scheme == null) {
            throw new IllegalArgumentException("scheme is required");
        }
    }

    /** 4-bit blocks with the {@link #DEFAULT_SCHEME}. */
    public static WeightQuantizer int4(int blockSize) {
        return new WeightQuantizer(4, blockSize, DEFAULT_SCHEME);
    }

    /** 8-bit blocks with the {@link #DEFAULT_SCHEME}. */
    public static WeightQuantizer int8(int blockSize) {
        return new WeightQuantizer(8, blockSize, DEFAULT_SCHEME);
    }

    /** Quantizes {@code w} with the {@link #DEFAULT_SCHEME}. */
    public static Linear.Blocked quantize(Linear.Dense w, int bits, int blockSize) {
        return new WeightQuantizer(bits, blockSize, DEFAULT_SCHEME).quantize(w);
    }

    /** Whether the blocks this quantizer makes carry a zero-point tensor. */
    public boolean storesZeroPoints() {
        return scheme == Scheme.ASYMMETRIC;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ModelLoadException when a weight is NaN or infinite (it has no place on any grid)
     */
    @Override
    public Linear.Blocked quantize(Linear.Dense w) {
        int blocks = Linear.Blocked.blocks(w.cols(), blockSize);
        int zpBytesPerRow = (blocks * bits + 7) / 8;
        byte[] packed = new byte[Math.multiplyExact(Math.multiplyExact(w.rows(), blocks), blockSize * bits / 8)];
        float[] scales = new float[w.rows() * blocks]; // (rows, blocks)
        byte[] zeroPoints = storesZeroPoints() ? new byte[w.rows() * zpBytesPerRow] : null; // (rows, zpBytesPerRow)
        float[] x = w.values(); // (rows, cols)
        for (int r = 0; r < w.rows(); r++) {
            for (int b = 0; b < blocks; b++) {
                int first = r * w.cols() + b * blockSize;
                int length = Math.min(blockSize, w.cols() - b * blockSize);
                int block = r * blocks + b;
                int zero = quantizeBlock(x, first, length, packed, (long) block * blockSize, scales, block);
                if (zeroPoints != null) {
                    put(zeroPoints, (long) r * zpBytesPerRow * (8 / bits) + b, zero);
                }
            }
        }
        return new Linear.Blocked(w.rows(), w.cols(), bits, blockSize, packed, scales, zeroPoints);
    }

    /**
     * Quantizes {@code x[first, first + length)} into the block starting at element {@code element} of
     * {@code packed}, padding the block with its zero point, and stores its scale.
     *
     * @return the block's zero point
     */
    private int quantizeBlock(float[] x, int first, int length, byte[] packed, long element, float[] scales,
                              int block) {
        float min = 0;
        float max = 0;
        float extreme = 0; // the value of largest magnitude, sign kept
        for (int i = first; i < first + length; i++) {
            float v = x[i];
            if (!Float.isFinite(v)) {
                throw new ModelLoadException("weight element " + i + " is " + v + ": only finite values quantize");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            extreme = Math.abs(v) > Math.abs(extreme) ? v : extreme;
        }
        int mid = 1 << (bits - 1);
        int maxQ = (1 << bits) - 1;
        float scale = switch (scheme) {
            case SYMMETRIC -> Math.max(max, -min) / (mid - 1);
            case SYMMETRIC_FULL_RANGE -> extreme / -mid;
            case ASYMMETRIC -> (max - min) / maxQ;
        };
        int zero = mid;
        if (scheme == Scheme.ASYMMETRIC && scale != 0) {
            zero = clamp((int) Math.rint(-min / scale), maxQ);
        }
        scales[block] = scale;
        pack(x, first, length, packed, element, scale, zero);
        return zero;
    }

    /** Writes the block's levels, {@code element} being the index of its first value in {@code packed}. */
    private void pack(float[] x, int first, int length, byte[] packed, long element, float scale, int zero) {
        if (bits == 8) {
            for (int i = 0; i < blockSize; i++) {
                packed[(int) element + i] = (byte) level(x, first, length, i, scale, zero);
            }
        } else { // blocks start on even elements: two columns a byte, the even one in the low nibble
            int at = (int) (element >> 1);
            for (int i = 0; i < blockSize; i += 2) {
                packed[at + (i >> 1)] = (byte) (level(x, first, length, i, scale, zero)
                        | level(x, first, length, i + 1, scale, zero) << 4);
            }
        }
    }

    /** The level of column {@code i} of the block at {@code first}: the zero point for padding and all-zero blocks. */
    private int level(float[] x, int first, int length, int i, float scale, int zero) {
        if (i >= length || scale == 0) {
            return zero;
        }
        return clamp((int) Math.rint(x[first + i] / scale) + zero, (1 << bits) - 1);
    }

    private static int clamp(int q, int maxQ) {
        return Math.max(0, Math.min(maxQ, q));
    }

    /** Stores the {@code bits}-wide value {@code q} as element {@code index} (4 bits: even index in the low nibble). */
    private void put(byte[] out, long index, int q) {
        if (bits == 8) {
            out[(int) index] = (byte) q;
        } else {
            int at = (int) (index >> 1);
            out[at] = (byte) ((index & 1) == 0 ? (out[at] & 0xF0) | q : (out[at] & 0x0F) | (q << 4));
        }
    }
}
