package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

/**
 * The weight W of one linear layer, y = W·x, stored as (rows = out features, cols = in features), either dense fp32
 * or block-quantized in the layout of ONNX Runtime's {@code com.microsoft.MatMulNBits}.
 */
public sealed interface Linear permits Linear.Dense, Linear.Blocked {

    int rows();

    int cols();

    /** Dense weights. @param values (rows, cols) row-major */
    record Dense(int rows, int cols, float[] values) implements Linear {
        public Dense {
            if ((long) rows * cols != values.length) {
                throw new ModelLoadException("dense weight (" + rows + ", " + cols + ") needs " + (long) rows * cols
                        + " values, got " + values.length);
            }
        }
    }

    /**
     * Block-quantized weights: each row is cut into blocks of {@code blockSize} columns (the last block zero-padded);
     * value = scale · (q − zeroPoint).
     *
     * @param bits       4 or 8
     * @param packed     (rows, blocks, blockSize · bits / 8) bytes; for 4 bits the lower nibble holds the even column
     * @param scales     (rows, blocks)
     * @param zeroPoints (rows, ceil(blocks · bits / 8)) packed like {@code packed}, or null for the default
     *                   2^(bits−1)
     */
    record Blocked(int rows, int cols, int bits, int blockSize, byte[] packed, float[] scales, byte[] zeroPoints)
            implements Linear {
        public Blocked {
            if (bits != 4 && bits != 8) {
                throw new ModelLoadException("block quantization supports 4 or 8 bits, got " + bits);
            }
            if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
                throw new ModelLoadException("block size must be a power of two ≥ 16, got " + blockSize);
            }
            int blocks = blocks(cols, blockSize);
            if (packed.length != (long) rows * blocks * blockSize * bits / 8 || scales.length != (long) rows * blocks) {
                throw new ModelLoadException("blocked weight (" + rows + ", " + cols + ") in " + bits + "-bit blocks of "
                        + blockSize + " needs " + (long) rows * blocks * blockSize * bits / 8 + " bytes and "
                        + (long) rows * blocks + " scales, got " + packed.length + " and " + scales.length);
            }
            if (zeroPoints != null && zeroPoints.length != (long) rows * ((blocks * bits + 7) / 8)) {
                throw new ModelLoadException("blocked weight zero points need " + (long) rows * ((blocks * bits + 7) / 8)
                        + " bytes, got " + zeroPoints.length);
            }
        }

        public static int blocks(int cols, int blockSize) {
            return (cols + blockSize - 1) / blockSize;
        }

        /** The values these blocks stand for: (rows, cols) row-major, padding dropped. */
        public float[] dequantize() {
            int blocks = blocks(cols, blockSize);
            int zpBytesPerRow = (blocks * bits + 7) / 8;
            float[] out = new float[rows * cols]; // (rows, cols)
            for (int r = 0; r < rows; r++) {
                for (int b = 0; b < blocks; b++) {
                    float scale = scales[r * blocks + b];
                    int zero = zeroPoint(r * zpBytesPerRow, b);
                    long base = ((long) r * blocks + b) * blockSize; // element index of the block's first value
                    for (int i = 0; i < blockSize && b * blockSize + i < cols; i++) {
                        out[r * cols + b * blockSize + i] = scale * (quant(base + i) - zero);
                    }
                }
            }
            return out;
        }

        /** The unsigned quantized value of element {@code index} of {@code packed} (4 bits: low nibble first). */
        private int quant(long index) {
            if (bits == 8) {
                return packed[(int) index] & 0xFF;
            }
            int b = packed[(int) (index >> 1)] & 0xFF;
            return (index & 1) == 0 ? b & 0x0F : b >>> 4;
        }

        private int zeroPoint(int rowOffset, int block) {
            if (zeroPoints == null) {
                return 1 << (bits - 1);
            }
            if (bits == 8) {
                return zeroPoints[rowOffset + block] & 0xFF;
            }
            int b = zeroPoints[rowOffset + (block >> 1)] & 0xFF;
            return (block & 1) == 0 ? b & 0x0F : b >>> 4;
        }
    }
}
