package io.edgerouter.engine.model;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxJavaType;

/** Small builders for ONNX protobuf pieces shared by the graphs this engine writes (tiny models, KV truncation). */
public final class OnnxProtos {

    private OnnxProtos() {
    }

    /** A tensor value description; each dim is an Integer (fixed size) or a String (symbolic name). */
    public static OnnxMl.ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer size) {
                dim.setDimValue(size);
            } else {
                dim.setDimParam(d.toString());
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    /** The ONNX element type id of an ONNX Runtime Java type (the float and integer types a decoder uses). */
    public static int elementType(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> OnnxMl.TensorProto.DataType.FLOAT_VALUE;
            case FLOAT16 -> OnnxMl.TensorProto.DataType.FLOAT16_VALUE;
            case BFLOAT16 -> OnnxMl.TensorProto.DataType.BFLOAT16_VALUE;
            case DOUBLE -> OnnxMl.TensorProto.DataType.DOUBLE_VALUE;
            case INT32 -> OnnxMl.TensorProto.DataType.INT32_VALUE;
            case INT64 -> OnnxMl.TensorProto.DataType.INT64_VALUE;
            default -> throw new IllegalArgumentException("no ONNX element type for " + type);
        };
    }
}
