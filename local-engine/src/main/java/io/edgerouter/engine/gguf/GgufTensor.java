package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;

import java.util.Arrays;

/**
 * One tensor of a {@link GgufFile}: its info, and a lazy view of its data in the mapped file. Nothing is copied until
 * {@link #toFloats()} or {@link #toLinear()} is called, and each call decodes afresh (callers keep the result).
 *
 * <p>Shape follows ggml: {@code ne[0]} is the fastest-varying dimension. A 2-D weight with ne = [cols, rows] is stored
 * row after row, so its data is the row-major (rows, cols) matrix — for a linear layer, rows are the output features.
 */
public final class GgufTensor {

    private final GgufBytes bytes;
    private final String name;
    private final long[] ne;
    private final GgufType type;
    private final long offset;
    private final long dataOffset;
    private final long elements;
    private final long byteSize;

    GgufTensor(GgufBytes bytes, GgufParser.TensorInfo info, long dataStart) {
        this.bytes = bytes;
        this.name = info.name();
        this.ne = info.ne();
        this.type = info.type();
        this.offset = info.offset();
        this.dataOffset = dataStart + info.offset();
        this.elements = info.elements();
        this.byteSize = info.byteSize();
    }

    /** The tensor's name, e.g. {@code blk.0.attn_q.weight}. */
    public String name() {
        return name;
    }

    /** ne[0 .. nDims): ne[0] is the fastest-varying dimension (the columns of a 2-D tensor). A copy. */
    public long[] shape() {
        return ne.clone();
    }

    /** The number of dimensions (0‥4). */
    public int nDims() {
        return ne.length;
    }

    /** The ggml type of the data. */
    public GgufType type() {
        return type;
    }

    /** The offset the tensor info stores: relative to the start of the data section. */
    public long offset() {
        return offset;
    }

    /** Where the data starts in the file. */
    public long dataOffset() {
        return dataOffset;
    }

    /** ne[0]·ne[1]·…; 1 for a 0-d tensor. */
    public long elementCount() {
        return elements;
    }

    /** Bytes of data: elements / blockSize × typeSize. */
    public long byteSize() {
        return byteSize;
    }

    /** ne[0], the length of one row. */
    public long cols() {
        return ne.length == 0 ? 1 : ne[0];
    }

    /** elements / ne[0]: ne[1] for a 2-D tensor, 1 for a 1-D one. */
    public long rows() {
        return cols() == 0 ? 0 : elements / cols();
    }

    /**
     * The values, dequantized, in storage order: row-major (ne[1], ne[0]) for a 2-D tensor, and in general
     * (ne[n−1], …, ne[0]).
     *
     * @throws ModelLoadException for a type other than F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K, or a tensor with
     *                            more elements than a Java array holds
     */
    public float[] toFloats() {
        if (!type.isDequantizable()) {
            throw new ModelLoadException("unsupported tensor type " + type + " (id " + type.id() + ") in tensor "
                    + name + " of " + bytes.name() + "; supported: " + GgufType.SUPPORTED);
        }
        int n = elementsAsInt();
        float[] out = new float[n]; // storage order, see Javadoc
        long blocks = elements / type.blockSize();
        int perChunk = Math.max(1, bytes.maxSlice() / type.typeSize());
        for (long b = 0; b < blocks; b += perChunk) {
            int k = (int) Math.min(perChunk, blocks - b);
            GgufDequantizer.decode(type, bytes.slice(dataOffset + b * type.typeSize(), k * type.typeSize()), k, out,
                    (int) (b * type.blockSize()));
        }
        return out;
    }

    /**
     * This 2-D tensor as the weight of a linear layer, (rows = ne[1] = out features, cols = ne[0] = in features).
     * Q4_0 and Q8_0 become {@link Linear.Blocked} with the same values (4-bit, block 32, zero point 8; 8-bit, block
     * 32, zero point 128); every other type becomes {@link Linear.Dense} through {@link #toFloats()}, so Q4_K and Q6_K
     * weights are dequantized to fp32 here.
     */
    public Linear toLinear() {
        if (ne.length != 2) {
            throw new ModelLoadException(bytes.name() + ": tensor " + name + " has shape " + Arrays.toString(ne)
                    + "; a linear weight needs 2 dimensions");
        }
        elementsAsInt();
        return switch (type) {
            case Q4_0 -> GgufLinear.q40(this, bytes);
            case Q8_0 -> GgufLinear.q80(this, bytes);
            default -> new Linear.Dense((int) rows(), (int) cols(), toFloats());
        };
    }

    private int elementsAsInt() {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException(bytes.name() + ": tensor " + name + " has " + elements
                    + " elements, more than a Java array holds");
        }
        return (int) elements;
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(ne) + " at byte " + dataOffset;
    }
}
