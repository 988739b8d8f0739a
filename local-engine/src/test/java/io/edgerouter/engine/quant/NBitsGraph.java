package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.model.OnnxProtos;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A one-node {@code MatMulNBits} model in one of the tensor forms the schema describes, run on ONNX Runtime's CPU
 * provider. Exists to pin down which forms ONNX Runtime 1.29 accepts and what they compute.
 *
 * @param scales2d   scales as (N, k_blocks) instead of (N · k_blocks)
 * @param zeroPoints how the zero points of the weight are handed over
 * @param weight2d   B as (N, k_blocks · blob_size) instead of (N, k_blocks, blob_size)
 */
record NBitsGraph(boolean scales2d, ZeroPoints zeroPoints, boolean weight2d, int accuracyLevel, boolean bias) {

    /** How zero points are passed. FLOAT_* hand over unpacked float values. */
    enum ZeroPoints { NONE, PACKED, PACKED_2D, FLOAT, FLOAT_2D }

    static final NBitsGraph CANONICAL = new NBitsGraph(false, ZeroPoints.PACKED, false, 0, false);

    NBitsGraph with(ZeroPoints zp) {
        return new NBitsGraph(scales2d, zp, weight2d, accuracyLevel, bias);
    }

    /**
     * Runs Y = A · Wᵀ (+ bias).
     *
     * @param a          (m, K) row-major
     * @param floatZero  the zero points handed over in the FLOAT forms, (N, k_blocks); ignored otherwise
     * @param biasValues (N) or null
     * @return (m, N) row-major
     */
    float[] run(Linear.Blocked w, float[] a, int m, float[] floatZero, float[] biasValues) throws OrtException {
        return run(model(w, floatZero, biasValues), a, m, w.cols());
    }

    /** Runs a model with one float input {@code A} (m, k) and returns its first output. */
    static float[] run(byte[] model, float[] a, int m, int k) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[] {m, k});
                 OrtSession.Result result = session.run(Map.of("A", input))) {
                FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] out = new float[y.remaining()];
                y.get(out);
                return out;
            }
        }
    }

    private byte[] model(Linear.Blocked w, float[] floatZero, float[] biasValues) {
        int n = w.rows();
        int k = w.cols();
        int blocks = Linear.Blocked.blocks(k, w.blockSize());
        int blob = w.blockSize() * w.bits() / 8;
        int zpRow = (blocks * w.bits() + 7) / 8;
        int u8 = OnnxMl.TensorProto.DataType.UINT8_VALUE;
        int f32 = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("matmulnbits")
                .addInput(OnnxProtos.valueInfo("A", f32, "m", k))
                .addOutput(OnnxProtos.valueInfo("Y", f32, "m", n));
        g.addInitializer(MatMulNBits.tensor("B", u8, weight2d ? new long[] {n, (long) blocks * blob}
                : new long[] {n, blocks, blob}, ByteString.copyFrom(w.packed())));
        g.addInitializer(MatMulNBits.tensor("scales", f32, scales2d ? new long[] {n, blocks}
                : new long[] {(long) n * blocks}, MatMulNBits.floatBytes(w.scales())));
        String zpName = null;
        switch (zeroPoints) {
            case PACKED, PACKED_2D -> g.addInitializer(MatMulNBits.tensor(zpName = "zp", u8,
                    zeroPoints == ZeroPoints.PACKED ? new long[] {(long) n * zpRow} : new long[] {n, zpRow},
                    ByteString.copyFrom(w.zeroPoints())));
            case FLOAT, FLOAT_2D -> g.addInitializer(MatMulNBits.tensor(zpName = "zp", f32,
                    zeroPoints == ZeroPoints.FLOAT ? new long[] {(long) n * blocks} : new long[] {n, blocks},
                    MatMulNBits.floatBytes(floatZero)));
            case NONE -> { }
        }
        String biasName = null;
        if (bias) {
            g.addInitializer(MatMulNBits.tensor(biasName = "bias", f32, new long[] {n},
                    MatMulNBits.floatBytes(biasValues)));
        }
        g.addNode(MatMulNBits.node("mm", new MatMulNBits.Inputs("A", "B", "scales", zpName, biasName), "Y", k, n,
                w.bits(), w.blockSize(), accuracyLevel));
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("matmulnbits contract test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(MatMulNBits.opsetImport()).setGraph(g).build().toByteArray();
    }
}
