package io.edgerouter.engine.quant;

import io.edgerouter.engine.convert.Linear;

/**
 * Turns dense linear weights into {@link Linear.Blocked} ({@code com.microsoft.MatMulNBits} layout), saying which bits
 * and block size it uses. Graph writers take the plain {@link io.edgerouter.engine.convert.LinearQuantizer} this
 * extends, so whether, and how, weights are quantized is decided by the caller: {@link WeightQuantizer#int4(int)},
 * {@link WeightQuantizer#int8(int)}.
 */
public interface LinearQuantizer extends io.edgerouter.engine.convert.LinearQuantizer {

    /**
     * Quantizes {@code w} (rows = out features N, cols = in features K) block-wise along its columns. Rows are
     * quantized independently of each other, so a caller may hand over a large matrix a band of rows at a time and
     * concatenate the results.
     *
     * @return blocks with {@code rows}, {@code cols} equal to {@code w}'s
     */
    @Override
    Linear.Blocked quantize(Linear.Dense w);

    /** 4 or 8. */
    int bits();

    /** Columns per block: a power of two ≥ 16. */
    int blockSize();
}
