package io.edgerouter.engine.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgerouter.engine.ModelLoadException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Input/output names, element types and KV-cache shapes of a decoder graph, discovered from the session (not
 * hard-coded): ids as int32 or int64, a float32, float16 or bfloat16 cache kept as separate key and value tensors or
 * combined ones, float32/float16/bfloat16 logits.
 *
 * @param positionIds    the position input, or null when the graph has none
 * @param useCacheBranch name of the merged-decoder switch input, or null
 * @param logitsType     FLOAT, FLOAT16 or BFLOAT16
 * @param cache          every past → present tensor pair, in layer order (key before value)
 */
public record ModelSignature(Input inputIds, Input attentionMask, Input positionIds, String useCacheBranch,
                             String logits, OnnxJavaType logitsType, int vocabSize, List<CacheTensor> cache) {

    private static final Set<OnnxJavaType> INDEX_TYPES = Set.of(OnnxJavaType.INT32, OnnxJavaType.INT64);
    private static final Set<OnnxJavaType> FLOAT_TYPES =
            Set.of(OnnxJavaType.FLOAT, OnnxJavaType.FLOAT16, OnnxJavaType.BFLOAT16);

    /** A graph input and its element type. */
    public record Input(String name, OnnxJavaType type) {
    }

    /**
     * One cache tensor: fed as {@code past}, returned as {@code present}.
     *
     * @param shape   its shape with batch = 1 and seq = 0 (separate: (1, kv_heads, 0, head_dim); combined:
     *                (2, 1, heads, 0, head_dim))
     * @param seqAxis the axis that grows by one per token
     */
    public record CacheTensor(String past, String present, long[] shape, int seqAxis, OnnxJavaType type) {
        public CacheTensor {
            shape = shape.clone();
        }

        /** Bytes one position occupies in this tensor. */
        public long bytesPerPosition() {
            long n = type.size;
            for (int i = 0; i < shape.length; i++) {
                n *= i == seqAxis ? 1 : shape[i];
            }
            return n;
        }

        /** The shape of this tensor holding {@code length} positions. */
        public long[] shapeWithLength(long length) {
            long[] s = shape.clone();
            s[seqAxis] = length;
            return s;
        }
    }

    public ModelSignature {
        cache = List.copyOf(cache);
    }

    /** Bytes one token occupies in the KV cache (every tensor, at its element type). */
    public long kvBytesPerToken() {
        return cache.stream().mapToLong(CacheTensor::bytesPerPosition).sum();
    }

    static ModelSignature discover(OrtSession session, ModelConfig config, IoNames names, Path graph)
            throws OrtException {
        Map<String, NodeInfo> in = session.getInputInfo();
        Map<String, NodeInfo> out = session.getOutputInfo();
        Input ids = input(in, names.inputIds(), INDEX_TYPES, graph);
        Input mask = input(in, names.attentionMask(), INDEX_TYPES, graph);
        Input positions = in.containsKey(names.positionIds()) ? input(in, names.positionIds(), INDEX_TYPES, graph)
                : null;
        TensorInfo logits = tensor(out, names.logits(), "output", graph);
        if (!FLOAT_TYPES.contains(logits.type)) {
            throw new ModelLoadException(graph + ": output " + names.logits() + " is " + logits.type
                    + ", expected float32, float16 or bfloat16 logits");
        }
        List<CacheTensor> cache = new ArrayList<>();
        for (int layer = 0; in.containsKey(String.format(names.pastKey(), layer)); layer++) {
            cache.add(cacheTensor(in, out, String.format(names.pastKey(), layer),
                    String.format(names.presentKey(), layer), config, graph));
            if (!names.combined()) {
                cache.add(cacheTensor(in, out, String.format(names.pastValue(), layer),
                        String.format(names.presentValue(), layer), config, graph));
            }
        }
        if (cache.isEmpty()) {
            throw new ModelLoadException(graph + " has no input " + String.format(names.pastKey(), 0)
                    + " (inputs are " + in.keySet() + "); export it with past key values (Optimum: --task"
                    + " text-generation-with-past)");
        }
        long[] logitsShape = logits.getShape();
        int vocab = logitsShape.length == 3 && logitsShape[2] > 0 ? (int) logitsShape[2] : config.vocabSize();
        return new ModelSignature(ids, mask, positions, in.containsKey("use_cache_branch") ? "use_cache_branch" : null,
                names.logits(), logits.type, vocab, cache);
    }

    private static CacheTensor cacheTensor(Map<String, NodeInfo> in, Map<String, NodeInfo> out, String past,
                                           String present, ModelConfig config, Path graph) {
        TensorInfo info = tensor(in, past, "input", graph);
        tensor(out, present, "output", graph);
        long[] shape = info.getShape();
        if (!FLOAT_TYPES.contains(info.type) || (shape.length != 4 && shape.length != 5)) {
            throw new ModelLoadException(graph + ": input " + past + " is " + info.type + " " + Arrays.toString(shape)
                    + ", expected a float32/float16/bfloat16 tensor (batch, kv_heads, seq, head_dim) or a combined"
                    + " (2, batch, heads, seq, head_dim)");
        }
        boolean combined = shape.length == 5;
        int batchAxis = combined ? 1 : 0;
        int seqAxis = combined ? 3 : 2;
        long[] template = shape.clone();
        template[batchAxis] = 1;
        template[seqAxis] = 0;
        template[0] = combined ? 2 : 1;
        template[seqAxis - 1] = shape[seqAxis - 1] > 0 ? shape[seqAxis - 1] : config.numKvHeads();
        template[seqAxis + 1] = shape[seqAxis + 1] > 0 ? shape[seqAxis + 1] : config.headDim();
        return new CacheTensor(past, present, template, seqAxis, info.type);
    }

    private static Input input(Map<String, NodeInfo> in, String name, Set<OnnxJavaType> allowed, Path graph) {
        TensorInfo info = tensor(in, name, "input", graph);
        if (!allowed.contains(info.type)) {
            throw new ModelLoadException(graph + ": input " + name + " is " + info.type + ", expected " + allowed);
        }
        return new Input(name, info.type);
    }

    private static TensorInfo tensor(Map<String, NodeInfo> names, String name, String kind, Path graph) {
        NodeInfo node = names.get(name);
        if (node == null) {
            throw new ModelLoadException(graph + " has no " + kind + " '" + name + "'; its " + kind + "s are "
                    + names.keySet() + " (expected a decoder export with past key values: Optimum"
                    + " text-generation-with-past, transformers.js, or ONNX Runtime GenAI)");
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw new ModelLoadException(graph + ": " + kind + " '" + name + "' is not a tensor");
        }
        return info;
    }
}
