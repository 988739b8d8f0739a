package io.edgerouter.engine.bench;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Weight bytes one decoding step reads: every initializer of the graph, except tables only ever looked up by
 * {@code Gather} (a token embedding: one row per token, not the table). Decode speed against memory bandwidth is
 * judged by this, not by the file size, since an fp32 embedding kept beside a quantized head is mostly not read.
 */
final class WeightTraffic {

    private WeightTraffic() {
    }

    static long bytesReadPerToken(Path graph) throws IOException {
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(graph)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        }
        Map<String, Set<String>> users = new HashMap<>(); // initializer → op types reading it
        for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
            for (String input : node.getInputList()) {
                users.computeIfAbsent(input, k -> new HashSet<>()).add(node.getOpType());
            }
        }
        long total = 0;
        for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            if (Set.of("Gather").equals(users.get(t.getName()))) {
                continue;
            }
            total += bytes(t);
        }
        return total;
    }

    private static long bytes(OnnxMl.TensorProto t) {
        for (OnnxMl.StringStringEntryProto e : t.getExternalDataList()) {
            if (e.getKey().equals("length")) {
                return Long.parseLong(e.getValue());
            }
        }
        if (!t.getRawData().isEmpty()) {
            return t.getRawData().size();
        }
        return 4L * (t.getFloatDataCount() + t.getInt32DataCount()) + 8L * t.getInt64DataCount();
    }
}
