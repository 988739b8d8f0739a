package io.edgerouter.engine.tiny;

import ai.onnx.proto.OnnxMl;
import io.edgerouter.engine.model.OnnxProtos;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Minimal helper to assemble an ONNX graph (standard-domain ops only) node by node. */
final class OnnxGraphBuilder {

    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    static final int INT64 = OnnxMl.TensorProto.DataType.INT64_VALUE;
    static final int OPSET = 17;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("tiny_llama");
    private int counter;

    /** Adds a node with one output and returns the output's name. */
    String op(String opType, Object... inputsThenAttributes) {
        String out = opType.toLowerCase() + "_" + (counter++);
        opInto(new String[] {out}, opType, inputsThenAttributes);
        return out;
    }

    /**
     * Adds a node writing to the given outputs. Arguments are input names (String) followed by attributes given as
     * {@link Attr} values.
     */
    void opInto(String[] outputs, String opType, Object... inputsThenAttributes) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(opType)
                .setName(opType + "_n" + (counter++));
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

    String floats(String name, float[] data, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    String longs(long... data) {
        String name = "const_" + (counter++);
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(data);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(INT64)
                .addDims(data.length).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /** A 0-d int64 constant (for Gather indices that must drop the axis). */
    String scalarLong(long value) {
        String name = "scalar_" + (counter++);
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(INT64)
                .setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    String scalarFloat(float value) {
        return floats("scalar_f_" + (counter++), new float[] {value});
    }

    /** Declares a graph input or output; dims are Integer (fixed) or String (symbolic). */
    void input(String name, int elemType, Object... dims) {
        graph.addInput(OnnxProtos.valueInfo(name, elemType, dims));
    }

    void output(String name, int elemType, Object... dims) {
        graph.addOutput(OnnxProtos.valueInfo(name, elemType, dims));
    }

    byte[] build() {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("edge-router tiny-model generator")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build().toByteArray();
    }

    private static Iterable<Long> boxed(long[] dims) {
        java.util.List<Long> list = new java.util.ArrayList<>(dims.length);
        for (long d : dims) {
            list.add(d);
        }
        return list;
    }

    /** A node attribute. */
    record Attr(OnnxMl.AttributeProto proto) {
        static Attr of(String name, long value) {
            return new Attr(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build());
        }

        static Attr of(String name, float value) {
            return new Attr(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        static Attr ints(String name, long... values) {
            OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                b.addInts(v);
            }
            return new Attr(b.build());
        }

        /** A tensor-valued attribute holding one float (for ConstantOfShape). */
        static Attr tensorValue(String name, float value) {
            ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
            return new Attr(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.TENSOR)
                    .setT(OnnxMl.TensorProto.newBuilder().setDataType(FLOAT).addDims(1)
                            .setRawData(ByteString.copyFrom(bytes.array())))
                    .build());
        }
    }
}
