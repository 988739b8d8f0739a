package io.edgerouter.engine.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles an ONNX graph node by node: standard-domain ops (opset {@value #OPSET}) plus, on request,
 * {@code com.microsoft} contrib ops. Initializers are inline, or, when the builder has an {@link ExternalDataFile},
 * streamed to it as they are added (all but the smallest), so a graph of any size is built one tensor at a time.
 */
public final class OnnxGraphBuilder {

    public static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    public static final int INT64 = OnnxMl.TensorProto.DataType.INT64_VALUE;
    public static final int UINT8 = OnnxMl.TensorProto.DataType.UINT8_VALUE;
    public static final int OPSET = 17;
    public static final String MS_DOMAIN = "com.microsoft";
    /** Initializers below this many bytes stay inline: constants and shapes are not worth a file seek. */
    static final int INLINE_LIMIT = 1024;

    private final OnnxMl.GraphProto.Builder graph;
    private final String producer;
    private final ExternalDataFile external;
    private boolean usesMsDomain;
    private int counter;

    /** A builder keeping every initializer inline. */
    public OnnxGraphBuilder(String graphName, String producer) {
        this(graphName, producer, null);
    }

    /** @param external where initializers of {@value #INLINE_LIMIT} bytes or more go; null keeps all inline */
    public OnnxGraphBuilder(String graphName, String producer, ExternalDataFile external) {
        this.graph = OnnxMl.GraphProto.newBuilder().setName(graphName);
        this.producer = producer;
        this.external = external;
    }

    /** Adds a standard-domain node with one output and returns the output's name. */
    public String op(String opType, Object... inputsThenAttributes) {
        String out = opType.toLowerCase() + "_" + (counter++);
        opInto(new String[] {out}, opType, inputsThenAttributes);
        return out;
    }

    /** Adds a {@code com.microsoft} node with one output and returns the output's name. */
    public String msOp(String opType, Object... inputsThenAttributes) {
        String out = opType.toLowerCase() + "_" + (counter++);
        msOpInto(new String[] {out}, opType, inputsThenAttributes);
        return out;
    }

    /** Adds a {@code com.microsoft} node writing to the given outputs (e.g. a graph output). */
    public void msOpInto(String[] outputs, String opType, Object... inputsThenAttributes) {
        node(MS_DOMAIN, outputs, opType, inputsThenAttributes);
        usesMsDomain = true;
    }

    /**
     * Adds a standard-domain node writing to the given outputs. Arguments are input names (String; "" for an
     * omitted optional input) followed by attributes given as {@link Attr} values.
     */
    public void opInto(String[] outputs, String opType, Object... inputsThenAttributes) {
        node("", outputs, opType, inputsThenAttributes);
    }

    private void node(String domain, String[] outputs, String opType, Object... inputsThenAttributes) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(opType)
                .setName(opType + "_n" + (counter++));
        if (!domain.isEmpty()) {
            node.setDomain(domain);
        }
        for (Object arg : inputsThenAttributes) {
            if (arg instanceof String name) {
                node.addInput(name);
            } else if (arg instanceof Attr attr) {
                node.addAttribute(attr.proto());
            } else {
                throw new IllegalArgumentException("unsupported node argument " + arg);
            }
        }
        for (String o : outputs) {
            node.addOutput(o);
        }
        graph.addNode(node);
    }

    /** A float32 initializer. @param data row-major in {@code dims} */
    public String floats(String name, float[] data, long... dims) {
        checkCount(name, data.length, dims);
        if (external != null && 4L * data.length >= INLINE_LIMIT) {
            return external(name, FLOAT, external.writeFloats(data), dims);
        }
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        return inline(name, FLOAT, bytes.array(), dims);
    }

    /** A float32 initializer of shape (cols, rows) holding the transpose of {@code data}. @param data (rows, cols) */
    public String floatsTransposed(String name, float[] data, int rows, int cols) {
        checkCount(name, data.length, rows, cols);
        if (external != null && 4L * data.length >= INLINE_LIMIT) {
            return external(name, FLOAT, external.writeFloatsTransposed(data, rows, cols), cols, rows);
        }
        float[] t = new float[data.length]; // (cols, rows)
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[r * cols + c];
            }
        }
        return floats(name, t, cols, rows);
    }

    /** A uint8 initializer. @param data row-major in {@code dims} */
    public String bytes(String name, byte[] data, long... dims) {
        checkCount(name, data.length, dims);
        if (external != null && data.length >= INLINE_LIMIT) {
            return external(name, UINT8, external.writeBytes(data), dims);
        }
        return inline(name, UINT8, data.clone(), dims);
    }

    /** A 1-d int64 constant. */
    public String longs(long... data) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(data);
        return inline("const_" + (counter++), INT64, bytes.array(), data.length);
    }

    /** A 0-d int64 constant (for Gather indices that must drop the axis). */
    public String scalarLong(long value) {
        return inline("scalar_" + (counter++), INT64,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    /** A 0-d float constant, broadcastable against anything. */
    public String scalarFloat(float value) {
        return floats("scalar_f_" + (counter++), new float[] {value});
    }

    /** Declares a graph input; dims are Integer (fixed) or String (symbolic). */
    public void input(String name, int elemType, Object... dims) {
        graph.addInput(OnnxProtos.valueInfo(name, elemType, dims));
    }

    /** Declares a graph output; dims are Integer (fixed) or String (symbolic). */
    public void output(String name, int elemType, Object... dims) {
        graph.addOutput(OnnxProtos.valueInfo(name, elemType, dims));
    }

    /** The serialized model (IR 8, opset {@value #OPSET}, plus {@code com.microsoft} 1 when used). */
    public byte[] build() {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName(producer)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        if (usesMsDomain) {
            model.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        }
        return model.setGraph(graph).build().toByteArray();
    }

    private String inline(String name, int type, byte[] raw, long... dims) {
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type)
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(raw)));
        return name;
    }

    private String external(String name, int type, ExternalDataFile.Region region, long... dims) {
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type).addAllDims(boxed(dims))
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", region.location()))
                .addExternalData(entry("offset", Long.toString(region.offset())))
                .addExternalData(entry("length", Long.toString(region.length()))));
        return name;
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static void checkCount(String name, long count, long... dims) {
        long expected = 1;
        for (long d : dims) {
            expected *= d;
        }
        if (expected != count) {
            throw new IllegalArgumentException("initializer " + name + " has " + count + " values for shape "
                    + java.util.Arrays.toString(dims));
        }
    }

    private static List<Long> boxed(long[] dims) {
        List<Long> list = new ArrayList<>(dims.length);
        for (long d : dims) {
            list.add(d);
        }
        return list;
    }

    /** A node attribute. */
    public record Attr(OnnxMl.AttributeProto proto) {
        /** An int attribute. */
        public static Attr of(String name, long value) {
            return new Attr(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build());
        }

        /** A float attribute. */
        public static Attr of(String name, float value) {
            return new Attr(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        /** An ints attribute (e.g. Transpose perm). */
        public static Attr ints(String name, long... values) {
            OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
            return new Attr(b.build());
        }

        /** A tensor-valued attribute holding one float (for ConstantOfShape). */
        public static Attr tensorValue(String name, float value) {
            ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
            return new Attr(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.TENSOR)
                    .setT(OnnxMl.TensorProto.newBuilder().setDataType(FLOAT).addDims(1)
                            .setRawData(ByteString.copyFrom(bytes.array())))
                    .build());
        }
    }
}
