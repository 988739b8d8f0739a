package io.edgerouter.router.feature;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a Hugging Face BERT ONNX export (the all-MiniLM-L6-v2 graph) after its first {@code layers} transformer layers:
 * the output of layer {@code layers − 1}'s final LayerNorm becomes the graph output, and every node and initializer
 * it does not depend on is dropped. The encoder's cost is linear in the number of layers, so this is the latency knob
 * that leaves the window (and so what of the prompt is read) alone. Done once, at load.
 */
final class EncoderGraph {

    private EncoderGraph() {
    }

    /** Name of the tensor the exporter gives to transformer layer {@code index}'s output (0-based). */
    static String layerOutput(int index) {
        return "/encoder/layer." + index + "/output/LayerNorm/Add_1_output_0";
    }

    /** @return the serialised model keeping transformer layers 0 .. {@code layers − 1} */
    static byte[] truncate(byte[] model, int layers) {
        OnnxMl.ModelProto m;
        try {
            m = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new EncoderException("the MiniLM resource is not an ONNX model: " + e.getMessage(), e);
        }
        OnnxMl.GraphProto g = m.getGraph();
        String out = layerOutput(layers - 1);
        Map<String, OnnxMl.NodeProto> producer = new HashMap<>();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) producer.put(o, n);
        }
        if (!producer.containsKey(out)) {
            throw new EncoderException("the MiniLM graph has no tensor " + out + "; cannot keep " + layers + " layers");
        }
        Set<String> needed = new HashSet<>();
        Set<OnnxMl.NodeProto> kept = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(out));
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (!needed.add(t)) continue;
            OnnxMl.NodeProto p = producer.get(t);
            if (p != null && kept.add(p)) todo.addAll(p.getInputList());
        }
        OnnxMl.GraphProto.Builder cut = g.toBuilder().clearNode().clearInitializer().clearOutput();
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            if (kept.contains(n)) cut.addNode(n); // original order is a valid topological order
        }
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            if (needed.contains(t.getName())) cut.addInitializer(t);
        }
        cut.addOutput(g.getOutput(0).toBuilder().setName(out)); // same type and shape: (batch, seq_len, 384)
        return m.toBuilder().setGraph(cut).build().toByteArray();
    }
}
