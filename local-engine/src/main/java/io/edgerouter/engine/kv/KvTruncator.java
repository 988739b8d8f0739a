package io.edgerouter.engine.kv;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.edgerouter.engine.InferenceException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ModelSignature.CacheTensor;
import io.edgerouter.engine.model.OnnxProtos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts KV tensors to some of their positions inside ONNX Runtime, in two small graphs run as their own sessions:
 * {@code Slice(in_i, starts=[0], ends=[n], axes=[seq_i])} keeps the first n positions, and
 * {@code Gather(in_i, keep, axis=seq_i)} keeps the listed ones (compaction after masked rollbacks). Each graph takes
 * its element type and sequence axis from the model's cache, so fp16 and combined caches are cut as they are. The copy
 * stays native (one read of the kept positions, no Java heap round trip). Thread-safe: sessions of one model share it.
 */
public final class KvTruncator implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession slice;
    private final OrtSession gather;
    private final int tensors;
    private boolean closed;

    private KvTruncator(OrtEnvironment env, OrtSession slice, OrtSession gather, int tensors) {
        this.env = env;
        this.slice = slice;
        this.gather = gather;
        this.tensors = tensors;
    }

    /** A truncator for a model's cache tensors. */
    public static KvTruncator create(OrtEnvironment env, List<CacheTensor> layout) {
        OrtSession slice = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            slice = env.createSession(graph(layout, false), options);
            return new KvTruncator(env, slice, env.createSession(graph(layout, true), options), layout.size());
        } catch (OrtException e) {
            if (slice != null) {
                try {
                    slice.close();
                } catch (OrtException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new ModelLoadException("cannot build the KV-cache truncation graphs: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the first {@code newLength} positions of {@code in} (cache tensors in layout order).
     *
     * @return the result owning the cut tensors, output i = input i cut; the caller closes it
     */
    public OrtSession.Result truncate(OnnxTensor[] in, int newLength) {
        return run(slice, in, new long[] {newLength}, "end", "truncate the KV cache to " + newLength + " positions");
    }

    /**
     * Keeps the positions {@code keep} (ascending) of {@code in}.
     *
     * @return the result owning the compacted tensors; the caller closes it
     */
    public OrtSession.Result gather(OnnxTensor[] in, long[] keep) {
        return run(gather, in, keep, "keep", "compact the KV cache to " + keep.length + " positions");
    }

    private OrtSession.Result run(OrtSession session, OnnxTensor[] in, long[] index, String indexName, String what) {
        if (in.length != tensors) {
            throw new IllegalArgumentException("expected " + tensors + " KV tensors, got " + in.length);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor idx = OnnxTensor.createTensor(env, LongBuffer.wrap(index), new long[] {index.length})) {
            inputs.put(indexName, idx);
            for (int i = 0; i < in.length; i++) {
                inputs.put("in_" + i, in[i]);
            }
            return session.run(inputs);
        } catch (OrtException e) {
            throw new InferenceException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try (OrtSession a = slice; OrtSession b = gather) {
                // both closed by try-with-resources
            } catch (OrtException e) {
                throw new InferenceException("cannot close the KV-cache truncation sessions: " + e.getMessage(), e);
            }
        }
    }

    private static byte[] graph(List<CacheTensor> layout, boolean gather) {
        String index = gather ? "keep" : "end";
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(gather ? "kv_gather" : "kv_truncate")
                .addInput(OnnxProtos.valueInfo(index, OnnxMl.TensorProto.DataType.INT64_VALUE, gather ? "kept" : 1));
        if (!gather) {
            g.addInitializer(longs("starts", 0));
        }
        for (int i = 0; i < layout.size(); i++) {
            CacheTensor t = layout.get(i);
            int type = OnnxProtos.elementType(t.type());
            g.addInput(OnnxProtos.valueInfo("in_" + i, type, dims(t, i, "seq")));
            g.addOutput(OnnxProtos.valueInfo("out_" + i, type, dims(t, i, "kept")));
            OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setName((gather ? "gather_" : "slice_") + i);
            if (gather) {
                node.setOpType("Gather").addInput("in_" + i).addInput("keep")
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
                                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(t.seqAxis()));
            } else {
                String axes = "axes_" + i;
                g.addInitializer(longs(axes, t.seqAxis()));
                node.setOpType("Slice").addInput("in_" + i).addInput("starts").addInput("end").addInput(axes);
            }
            g.addNode(node.addOutput("out_" + i));
        }
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("edge-router local-engine")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(g).build().toByteArray();
    }

    /** The tensor's dims with symbolic names: fixed sizes except the sequence axis. */
    private static Object[] dims(CacheTensor t, int i, String seq) {
        Object[] dims = new Object[t.shape().length];
        for (int a = 0; a < dims.length; a++) {
            dims[a] = a == t.seqAxis() ? seq : (Object) (int) t.shape()[a];
        }
        return dims;
    }

    private static OnnxMl.TensorProto longs(String name, long value) {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                .addDims(1).setRawData(ByteString.copyFrom(bytes.array())).build();
    }
}
