package io.edgerouter.engine.convert;

/**
 * The simplest MatMulNBits quantizer, for tests only: symmetric absmax per block, default zero point 2^(bits−1),
 * 4-bit values packed low nibble first. The real one is the quantization module's.
 */
record NaiveQuantizer(int bits, int blockSize) implements LinearQuantizer {

    @Override
    public Linear.Blocked quantize(Linear.Dense w) {
        int blocks = Linear.Blocked.blocks(w.cols(), blockSize);
        int zero = 1 << (bits - 1);
        int max = zero - 1;
        byte[] packed = new byte[w.rows() * blocks * blockSize * bits / 8]; // (rows, blocks, blockSize·bits/8)
        float[] scales = new float[w.rows() * blocks]; // (rows, blocks)
        for (int r = 0; r < w.rows(); r++) {
            for (int b = 0; b < blocks; b++) {
                float absMax = 0;
                for (int i = b * blockSize; i < Math.min(w.cols(), (b + 1) * blockSize); i++) {
                    absMax = Math.max(absMax, Math.abs(w.values()[r * w.cols() + i]));
                }
                float scale = absMax == 0 ? 1 : absMax / max;
                scales[r * blocks + b] = scale;
                for (int i = 0; i < blockSize; i++) {
                    int col = b * blockSize + i;
                    float v = col < w.cols() ? w.values()[r * w.cols() + col] : 0;
                    int q = Math.max(0, Math.min(2 * max + 1, Math.round(v / scale) + zero));
                    long index = ((long) r * blocks + b) * blockSize + i;
                    if (bits == 8) {
                        packed[(int) index] = (byte) q;
                    } else {
                        packed[(int) (index >> 1)] |= (byte) ((index & 1) == 0 ? q : q << 4);
                    }
                }
            }
        }
        return new Linear.Blocked(w.rows(), w.cols(), bits, blockSize, packed, scales, null);
    }
}
