package io.edgerouter.engine.source;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.IoNames;

import java.nio.file.Path;

/**
 * The {@code model.decoder} part of an ONNX Runtime GenAI {@code genai_config.json}: the graph file and its I/O names
 * ({@code past_key_names}/{@code past_value_names}, or {@code past_names} for a combined key/value cache).
 */
record GenaiDecoder(String filename, IoNames names) {

    static GenaiDecoder read(JsonObject model, Path file) {
        JsonObject decoder = model.has("decoder") && model.get("decoder").isJsonObject()
                ? model.getAsJsonObject("decoder") : null;
        if (decoder == null || !decoder.has("filename")) {
            throw new ModelLoadException(file + " has no model.decoder.filename (the decoder graph's file name)");
        }
        JsonObject in = object(decoder, "inputs");
        JsonObject out = object(decoder, "outputs");
        IoNames d = IoNames.OPTIMUM;
        boolean combined = in.has("past_names");
        IoNames names = new IoNames(name(in, "input_ids", d.inputIds()), name(in, "attention_mask", d.attentionMask()),
                name(in, "position_ids", d.positionIds()), name(out, "logits", d.logits()),
                combined ? name(in, "past_names", null) : name(in, "past_key_names", d.pastKey()),
                combined ? null : name(in, "past_value_names", d.pastValue()),
                combined ? name(out, "present_names", "present_%d") : name(out, "present_key_names", d.presentKey()),
                combined ? null : name(out, "present_value_names", d.presentValue()));
        return new GenaiDecoder(decoder.get("filename").getAsString(), names);
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static String name(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }
}
