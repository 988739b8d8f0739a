package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.edgerouter.engine.convert.Linear;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The ONNX pieces of one {@code com.microsoft.MatMulNBits} node, Y = A · dequantize(W)ᵀ, in the forms ONNX Runtime
 * 1.29's CPU kernel runs (proven by MatMulNBitsContractTest): B uint8 (N, k_blocks, blob_size), scales float
 * (N · k_blocks), zero points uint8 (N · ceil(k_blocks · bits / 8)) packed like B, optional bias float (N).
 */
public final class MatMulNBits {

    /** The operator's domain; a model using it imports this domain at version {@link #OPSET_VERSION}. */
    public static final String DOMAIN = "com.microsoft";
    public static final int OPSET_VERSION = 1;

    private MatMulNBits() {
    }

    /** The names of a node's inputs; {@code zeroPoints} and {@code bias} may be null (absent). */
    public record Inputs(String a, String weight, String scales, String zeroPoints, String bias) {
        public Inputs {
            if (a == null || weight == null || scales == null) {
                throw new IllegalArgumentException("MatMulNBits needs A, B and scales inputs");
            }
        }

        /** {@code <prefix>_Q<bits>}, {@code <prefix>_scales} and, when {@code w} has them, {@code <prefix>_zp}. */
        public static Inputs named(String a, String prefix, Linear.Blocked w, String bias) {
            return new Inputs(a, prefix + "_Q" + w.bits(), prefix + "_scales",
                    w.zeroPoints() == null ? null : prefix + "_zp", bias);
        }
    }

    /** The operator set import for {@link #DOMAIN}. */
    public static OnnxMl.OperatorSetIdProto opsetImport() {
        return OnnxMl.OperatorSetIdProto.newBuilder().setDomain(DOMAIN).setVersion(OPSET_VERSION).build();
    }

    /**
     * The node for a weight of {@code n} output and {@code k} input features.
     *
     * @param accuracyLevel 0 (unset: A stays fp32) or 4 (A quantized to int8 per block inside the kernel)
     */
    public static OnnxMl.NodeProto node(String name, Inputs in, String output, int k, int n, int bits, int blockSize,
                                        int accuracyLevel) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setName(name).setOpType("MatMulNBits")
                .setDomain(DOMAIN).addInput(in.a()).addInput(in.weight()).addInput(in.scales());
        if (in.zeroPoints() != null || in.bias() != null) {
            node.addInput(in.zeroPoints() == null ? "" : in.zeroPoints());
        }
        if (in.bias() != null) {
            node.addInput("").addInput(in.bias()); // g_idx (deprecated) stays absent
        }
        node.addOutput(output).addAttribute(intAttribute("K", k)).addAttribute(intAttribute("N", n))
                .addAttribute(intAttribute("bits", bits)).addAttribute(intAttribute("block_size", blockSize));
        if (accuracyLevel != 0) {
            node.addAttribute(intAttribute("accuracy_level", accuracyLevel));
        }
        return node.build();
    }

    /** B's dims: (N, k_blocks, blob_size). */
    public static long[] weightDims(int n, int k, int bits, int blockSize) {
        return new long[] {n, Linear.Blocked.blocks(k, blockSize), (long) blockSize * bits / 8};
    }

    /** The scales' dims: (N · k_blocks), the 1-D form every ONNX Runtime release with MatMulNBits accepts. */
    public static long[] scalesDims(int n, int k, int blockSize) {
        return new long[] {(long) n * Linear.Blocked.blocks(k, blockSize)};
    }

    /** The packed zero points' dims: (N · ceil(k_blocks · bits / 8)). */
    public static long[] zeroPointDims(int n, int k, int bits, int blockSize) {
        return new long[] {(long) n * ((Linear.Blocked.blocks(k, blockSize) * bits + 7) / 8)};
    }

    /** {@code w} as inline initializers named as in {@code in}: B, scales, then zero points when present. */
    public static List<OnnxMl.TensorProto> initializers(Linear.Blocked w, Inputs in) {
        List<OnnxMl.TensorProto> out = new ArrayList<>(3);
        out.add(tensor(in.weight(), OnnxMl.TensorProto.DataType.UINT8_VALUE,
                weightDims(w.rows(), w.cols(), w.bits(), w.blockSize()), ByteString.copyFrom(w.packed())));
        out.add(tensor(in.scales(), OnnxMl.TensorProto.DataType.FLOAT_VALUE,
                scalesDims(w.rows(), w.cols(), w.blockSize()), floatBytes(w.scales())));
        if (w.zeroPoints() != null) {
            out.add(tensor(in.zeroPoints(), OnnxMl.TensorProto.DataType.UINT8_VALUE,
                    zeroPointDims(w.rows(), w.cols(), w.bits(), w.blockSize()), ByteString.copyFrom(w.zeroPoints())));
        }
        return out;
    }

    static OnnxMl.TensorProto tensor(String name, int dataType, long[] dims, ByteString raw) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(dataType);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.setRawData(raw).build();
    }

    static ByteString floatBytes(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return ByteString.copyFrom(bytes.array());
    }

    private static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }
}
