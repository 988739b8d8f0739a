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
 * What the engine needs to know about a model besides its graph: read from a Hugging Face {@code config.json} (+
 * optional {@code generation_config.json}) or from ONNX Runtime GenAI's {@code genai_config.json}.
 *
 * @param headDim      per-head width of the KV cache (config.json {@code head_dim}, else hidden / heads)
 * @param maxPositions the model's context limit in tokens (max_position_embeddings, GenAI context_length)
 * @param eosTokenIds  end-of-sequence ids from every file that lists some (generation_config may list several)
 * @param bosTokenId   the beginning-of-sequence id, or -1 when the model has none
 * @param rollbackByCopy whether rejected draft tokens must be cut out of the KV cache rather than masked (config.json
 *                     {@code "kv_rollback": "copy"}: for graphs that read cached neighbours by position)
 * @param ropeScaling  the {@code rope_type} of config.json's {@code rope_scaling} (e.g. {@code llama3},
 *                     {@code linear}), {@code "default"} when the model's rotary frequencies are not scaled. The
 *                     graph already applies it; this only reports it
 */
public record ModelConfig(String modelType, int numLayers, int numHeads, int numKvHeads, int headDim,
                          int vocabSize, int maxPositions, Set<Integer> eosTokenIds, int bosTokenId,
                          boolean rollbackByCopy, String ropeScaling) {

    public ModelConfig {
        if (numLayers <= 0 || numHeads <= 0 || numKvHeads <= 0 || headDim <= 0 || vocabSize <= 0
                || maxPositions <= 0) {
            throw new ModelLoadException("the model config needs positive num_hidden_layers, num_attention_heads,"
                    + " num_key_value_heads, hidden_size (or head_dim), vocab_size, max_position_embeddings; got"
                    + " layers=" + numLayers + " heads=" + numHeads + " kv_heads=" + numKvHeads + " head_dim="
                    + headDim + " vocab=" + vocabSize + " max_positions=" + maxPositions);
        }
        eosTokenIds = Set.copyOf(eosTokenIds);
        ropeScaling = ropeScaling == null ? "default" : ropeScaling;
    }

    /** A config without rotary scaling. */
    public ModelConfig(String modelType, int numLayers, int numHeads, int numKvHeads, int headDim, int vocabSize,
                       int maxPositions, Set<Integer> eosTokenIds, int bosTokenId, boolean rollbackByCopy) {
        this(modelType, numLayers, numHeads, numKvHeads, headDim, vocabSize, maxPositions, eosTokenIds, bosTokenId,
                rollbackByCopy, "default");
    }

    /** Reads {@code dir/config.json} and, when present, {@code dir/generation_config.json}. */
    public static ModelConfig read(Path dir) {
        JsonObject c = readJson(dir.resolve("config.json"));
        Set<Integer> eos = new LinkedHashSet<>();
        addIds(c.get("eos_token_id"), eos);
        int bos = intField(c, "bos_token_id", -1);
        Path gen = dir.resolve("generation_config.json");
        if (Files.exists(gen)) {
            JsonObject g = readJson(gen);
            addIds(g.get("eos_token_id"), eos);
            bos = bos >= 0 ? bos : intField(g, "bos_token_id", -1);
        }
        int heads = intField(c, "num_attention_heads", 0);
        int hidden = intField(c, "hidden_size", 0);
        int headDim = intField(c, "head_dim", heads > 0 ? hidden / heads : 0);
        return new ModelConfig(c.has("model_type") ? c.get("model_type").getAsString() : "unknown",
                intField(c, "num_hidden_layers", 0), heads, intField(c, "num_key_value_heads", heads), headDim,
                intField(c, "vocab_size", 0), intField(c, "max_position_embeddings", 0), eos, bos,
                c.has("kv_rollback") && "copy".equals(c.get("kv_rollback").getAsString()), ropeType(c));
    }

    /** {@code rope_scaling.rope_type} (older files: {@code type}), or "default" when there is no scaling. */
    private static String ropeType(JsonObject c) {
        JsonElement scaling = c.get("rope_scaling");
        if (scaling == null || !scaling.isJsonObject()) {
            return "default";
        }
        JsonObject o = scaling.getAsJsonObject();
        JsonElement type = o.has("rope_type") ? o.get("rope_type") : o.get("type");
        return type != null && type.isJsonPrimitive() ? type.getAsString() : "default";
    }

    /** The {@code model} object of an ONNX Runtime GenAI {@code genai_config.json}. */
    public static ModelConfig fromGenai(JsonObject model, Path file) {
        JsonObject decoder = model.has("decoder") ? model.getAsJsonObject("decoder") : new JsonObject();
        Set<Integer> eos = new LinkedHashSet<>();
        addIds(model.get("eos_token_id"), eos);
        int kvHeads = intField(decoder, "num_key_value_heads", 0);
        int heads = intField(decoder, "num_attention_heads", kvHeads);
        try {
            return new ModelConfig(model.has("type") ? model.get("type").getAsString() : "unknown",
                    intField(decoder, "num_hidden_layers", 0), heads, kvHeads, intField(decoder, "head_size", 0),
                    intField(model, "vocab_size", 0), intField(model, "context_length", 0), eos,
                    intField(model, "bos_token_id", -1), false);
        } catch (ModelLoadException e) {
            throw new ModelLoadException(file + ": " + e.getMessage() + " (GenAI keys: model.decoder.num_hidden_layers,"
                    + " num_key_value_heads, head_size, model.vocab_size, model.context_length)", e);
        }
    }

    /** Parses a JSON object file, naming the file when it is missing or malformed. */
    public static JsonObject readJson(Path file) {
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
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? fallback : e.getAsInt();
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
