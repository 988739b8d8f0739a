package io.edgerouter.engine.model;

import ai.onnx.proto.OnnxMl;

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
}
