package io.edgerouter.engine.model;

/**
 * The input/output names of a decoder graph. Cache names are {@link String#format} templates with one {@code %d}
 * (the layer). A graph keeps keys and values either in separate tensors (Optimum: {@code past_key_values.%d.key} /
 * {@code .value} → {@code present.%d.key} / {@code .value}, each (batch, kv_heads, seq, head_dim)) or combined
 * (onnxruntime.transformers GPT-2: {@code past_%d} → {@code present_%d}, (2, batch, heads, seq, head_dim)); for
 * the combined form {@code pastValue} and {@code presentValue} are null.
 */
public record IoNames(String inputIds, String attentionMask, String positionIds, String logits, String pastKey,
                      String pastValue, String presentKey, String presentValue) {

    /** Hugging Face Optimum's names (also used by ONNX Runtime GenAI's model builder by default). */
    public static final IoNames OPTIMUM = new IoNames("input_ids", "attention_mask", "position_ids", "logits",
            "past_key_values.%d.key", "past_key_values.%d.value", "present.%d.key", "present.%d.value");

    public boolean combined() {
        return pastValue == null;
    }
}
