package io.edgerouter.engine.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgerouter.engine.ModelLoadException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Input/output names and KV shapes of an Optimum causal-LM export, discovered from the session (not hard-coded).
 *
 * @param positionIds   name of the position input, or null when the export has none
 * @param useCacheBranch name of the merged-decoder switch input, or null
 * @param slots         one entry per {@code past_key_values.N}
 */
public record ModelSignature(String inputIds, String attentionMask, String positionIds, String useCacheBranch,
                             String logits, int vocabSize, List<KvSlot> slots) {

    /**
     * One cache slot: {@code past_key_values.N.key|value} in, {@code present.N.key|value} out, each shaped
     * (batch, kvHeads, seq, headDim).
     */
    public record KvSlot(String pastKey, String pastValue, String presentKey, String presentValue,
                         int kvHeads, int headDim) {
    }

    public ModelSignature {
        slots = List.copyOf(slots);
    }

    /** Bytes one token occupies in the KV cache (float32, all slots, key + value). */
    public long kvBytesPerToken() {
        long n = 0;
        for (KvSlot s : slots) {
            n += 2L * s.kvHeads() * s.headDim() * Float.BYTES;
        }
        return n;
    }

    static ModelSignature discover(OrtSession session, ModelConfig config) throws ai.onnxruntime.OrtException {
        Map<String, NodeInfo> in = session.getInputInfo();
        Map<String, NodeInfo> out = session.getOutputInfo();
        require(in, "input_ids", "input");
        require(in, "attention_mask", "input");
        require(out, "logits", "output");
        List<KvSlot> slots = new ArrayList<>();
        for (int i = 0; in.containsKey("past_key_values." + i + ".key"); i++) {
            String p = "past_key_values." + i + ".";
            require(in, p + "value", "input");
            require(out, "present." + i + ".key", "output");
            require(out, "present." + i + ".value", "output");
            TensorInfo info = (TensorInfo) in.get(p + "key").getInfo();
            if (info.type != OnnxJavaType.FLOAT || info.getShape().length != 4) {
                throw new ModelLoadException("input " + p + "key must be a float32 tensor (batch, kv_heads, seq,"
                        + " head_dim); found " + info.type + " " + java.util.Arrays.toString(info.getShape())
                        + " (export the model in fp32)");
            }
            long[] shape = info.getShape();
            int kvHeads = shape[1] > 0 ? (int) shape[1] : config.numKvHeads();
            int headDim = shape[3] > 0 ? (int) shape[3] : config.headDim();
            slots.add(new KvSlot(p + "key", p + "value", "present." + i + ".key", "present." + i + ".value",
                    kvHeads, headDim));
        }
        if (slots.isEmpty()) {
            throw new ModelLoadException("model has no past_key_values.0.key input (inputs are " + in.keySet()
                    + "); export it with --task text-generation-with-past");
        }
        long[] logitsShape = ((TensorInfo) out.get("logits").getInfo()).getShape();
        int vocab = logitsShape.length == 3 && logitsShape[2] > 0 ? (int) logitsShape[2] : config.vocabSize();
        return new ModelSignature("input_ids", "attention_mask",
                in.containsKey("position_ids") ? "position_ids" : null,
                in.containsKey("use_cache_branch") ? "use_cache_branch" : null, "logits", vocab, slots);
    }

    private static void require(Map<String, NodeInfo> names, String name, String kind) {
        if (!names.containsKey(name)) {
            throw new ModelLoadException("model.onnx has no " + kind + " '" + name + "'; its " + kind + "s are "
                    + names.keySet() + " (expected a Hugging Face Optimum text-generation-with-past export)");
        }
    }
}
