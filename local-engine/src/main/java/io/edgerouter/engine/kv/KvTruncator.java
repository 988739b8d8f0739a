package io.edgerouter.engine.kv;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.edgerouter.engine.InferenceException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.OnnxProtos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts KV tensors (1, kvHeads, length, headDim) to their first n positions inside ONNX Runtime: a one-node-per-tensor
 * graph {@code Slice(in_i, starts=[0], ends=[n], axes=[2]) → out_i} run as its own session. The copy stays native
 * (one read of the kept prefix, no Java heap round trip), which makes a rollback after a rejected draft cheap.
 * Thread-safe: sessions of one model share it.
 */
public final class KvTruncator implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final int tensors;
    private boolean closed;

    private KvTruncator(OrtEnvironment env, OrtSession session, int tensors) {
        this.env = env;
        this.session = session;
        this.tensors = tensors;
    }

    /** A truncator for {@code tensors} float tensors of rank 4 (2 per cache slot: key, value). */
    public static KvTruncator create(OrtEnvironment env, int tensors) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return new KvTruncator(env, env.createSession(graph(tensors), options), tensors);
        } catch (OrtException e) {
            throw new ModelLoadException("cannot build the KV-cache truncation graph: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the slice over {@code in} (key, value, key, value… in slot order).
     *
     * @return the result owning the cut tensors, output i = input i cut to {@code newLength} positions; the caller
     *         closes it
     */
    public OrtSession.Result truncate(OnnxTensor[] in, int newLength) {
        if (in.length != tensors) {
            throw new IllegalArgumentException("expected " + tensors + " KV tensors, got " + in.length);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor end = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {newLength}),
                new long[] {1})) {
            inputs.put("end", end);
            for (int i = 0; i < in.length; i++) {
                inputs.put("in_" + i, in[i]);
            }
            return session.run(inputs);
        } catch (OrtException e) {
            throw new InferenceException("cannot truncate the KV cache to " + newLength + " positions: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException("cannot close the KV-cache truncation session: " + e.getMessage(), e);
            }
        }
    }

    private static byte[] graph(int tensors) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("kv_truncate")
                .addInput(OnnxProtos.valueInfo("end", OnnxMl.TensorProto.DataType.INT64_VALUE, 1))
                .addInitializer(longs("starts", 0))
                .addInitializer(longs("axes", 2));
        for (int i = 0; i < tensors; i++) {
            g.addInput(OnnxProtos.valueInfo("in_" + i, OnnxMl.TensorProto.DataType.FLOAT_VALUE, 1, "heads_" + i, "seq", "dim_" + i));
            g.addOutput(OnnxProtos.valueInfo("out_" + i, OnnxMl.TensorProto.DataType.FLOAT_VALUE, 1, "heads_" + i, "kept",
                    "dim_" + i));
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Slice").setName("slice_" + i)
                    .addInput("in_" + i).addInput("starts").addInput("end").addInput("axes").addOutput("out_" + i));
        }
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("edge-router local-engine")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g).build().toByteArray();
    }

    private static OnnxMl.TensorProto longs(String name, long value) {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                .addDims(1).setRawData(ByteString.copyFrom(bytes.array())).build();
    }
}
