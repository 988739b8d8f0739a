package io.edgerouter.engine.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The parts of a Hugging Face {@code config.json} (+ optional {@code generation_config.json}) the engine needs.
 *
 * @param maxPositions max_position_embeddings: the model's context limit in tokens
 * @param eosTokenIds  end-of-sequence ids from both files (generation_config may list several)
 */
public record ModelConfig(String modelType, int numLayers, int numHeads, int numKvHeads, int hiddenSize,
                          int vocabSize, int maxPositions, Set<Integer> eosTokenIds) {

    public ModelConfig {
        if (numLayers <= 0 || numHeads <= 0 || numKvHeads <= 0 || hiddenSize <= 0 || vocabSize <= 0
                || maxPositions <= 0) {
            throw new ModelLoadException("config.json needs positive num_hidden_layers, num_attention_heads,"
                    + " num_key_value_heads, hidden_size, vocab_size, max_position_embeddings; got layers="
                    + numLayers + " heads=" + numHeads + " kv_heads=" + numKvHeads + " hidden=" + hiddenSize
                    + " vocab=" + vocabSize + " max_positions=" + maxPositions);
        }
        eosTokenIds = Set.copyOf(eosTokenIds);
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    public static ModelConfig read(Path dir) {
        JsonObject c = readJson(dir.resolve("config.json"));
        Set<Integer> eos = new LinkedHashSet<>();
        addIds(c.get("eos_token_id"), eos);
        Path gen = dir.resolve("generation_config.json");
        if (Files.exists(gen)) {
            addIds(readJson(gen).get("eos_token_id"), eos);
        }
        int heads = intField(c, "num_attention_heads", 0);
        return new ModelConfig(c.has("model_type") ? c.get("model_type").getAsString() : "unknown",
                intField(c, "num_hidden_layers", 0), heads, intField(c, "num_key_value_heads", heads),
                intField(c, "hidden_size", 0), intField(c, "vocab_size", 0),
                intField(c, "max_position_embeddings", 0), eos);
    }

    static JsonObject readJson(Path file) {
        if (!Files.exists(file)) {
            throw new ModelLoadException("missing " + file.getFileName() + " in model directory " + file.getParent());
        }
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static int intField(JsonObject o, String name, int fallback) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    private static void addIds(JsonElement e, Set<Integer> into) {
        if (e == null || e.isJsonNull()) {
            return;
        }
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> into.add(x.getAsInt()));
        } else {
            into.add(e.getAsInt());
        }
    }
}
