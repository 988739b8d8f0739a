package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgerouter.engine.model.OnnxProtos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Small hand-built ONNX models for the whole-model pass, and a runner for them. */
final class HandModels {

    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;

    private HandModels() {
    }

    static OnnxMl.TensorProto inline(String name, float[] values, long... dims) {
        return MatMulNBits.tensor(name, FLOAT, dims, MatMulNBits.floatBytes(values));
    }

    /** A float tensor whose bytes {@code data} will hold at {@code offset} of file {@code location}. */
    static OnnxMl.TensorProto external(String name, String location, long offset, long length, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location)).addExternalData(entry("offset", "" + offset))
                .addExternalData(entry("length", "" + length));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static OnnxMl.NodeProto node(String op, String[] inputs, String output, OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(op + "_" + output)
                .addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (OnnxMl.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    static OnnxMl.AttributeProto attribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static OnnxMl.AttributeProto attribute(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static OnnxMl.AttributeProto attribute(String name, OnnxMl.GraphProto value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.GRAPH).setG(value).build();
    }

    static OnnxMl.ValueInfoProto floats(String name, Object... dims) {
        return OnnxProtos.valueInfo(name, FLOAT, dims);
    }

    static void writeModel(Path file, OnnxMl.GraphProto graph) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("hand-built test model")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build().toByteArray());
    }

    static void writeFile(Path file, byte[]... parts) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] p : parts) {
                out.write(p);
            }
        }
    }

    /** Runs {@code model} on float inputs (name → (values, dims)) plus optional boolean scalars; output → values. */
    static Map<String, float[]> run(Path model, Map<String, Object[]> inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toString(), options)) {
            for (Map.Entry<String, Object[]> e : inputs.entrySet()) {
                Object value = e.getValue()[0];
                tensors.put(e.getKey(), value instanceof Boolean b ? OnnxTensor.createTensor(env, b)
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap((float[]) value), (long[]) e.getValue()[1]));
            }
            Map<String, float[]> out = new HashMap<>();
            try (OrtSession.Result result = session.run(tensors)) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                    FloatBuffer y = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] values = new float[y.remaining()];
                    y.get(values);
                    out.put(e.getKey(), values);
                }
            }
            return out;
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    static OnnxMl.ModelProto read(Path model) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model));
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
