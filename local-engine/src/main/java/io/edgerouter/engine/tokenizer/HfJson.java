package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.edgerouter.engine.ModelLoadException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of a Hugging Face {@code tokenizer.json} (format "1.0", as the {@code tokenizers} library reads it),
 * built as Gson trees. Each method makes one component; the converters put them together.
 */
final class HfJson {

    private HfJson() {
    }

    /** The top-level object. A null component is written as JSON null; there is never a post-processor. */
    static JsonObject tokenizer(List<AddedToken> added, JsonElement normalizer, JsonElement preTokenizer,
                                JsonElement decoder, JsonObject model) {
        JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        json.add("truncation", JsonNull.INSTANCE);
        json.add("padding", JsonNull.INSTANCE);
        JsonArray tokens = new JsonArray();
        added.forEach(token -> tokens.add(token.toJson()));
        json.add("added_tokens", tokens);
        json.add("normalizer", orNull(normalizer));
        json.add("pre_tokenizer", orNull(preTokenizer));
        // the engine puts BOS in front itself, so the file never adds tokens on its own
        json.add("post_processor", JsonNull.INSTANCE);
        json.add("decoder", orNull(decoder));
        json.add("model", model);
        return json;
    }

    private static JsonElement orNull(JsonElement element) {
        return element == null ? JsonNull.INSTANCE : element;
    }

    /**
     * A BPE model.
     *
     * @param unkToken     the unknown token's text, or null for none (byte-level vocabularies cover every byte)
     * @param byteFallback whether a character outside the vocabulary becomes its {@code <0xNN>} byte pieces
     */
    static JsonObject bpe(JsonObject vocab, List<MergePair> merges, String unkToken, boolean byteFallback) {
        return bpe(vocab, merges, unkToken, byteFallback, false);
    }

    /**
     * A BPE model, as {@link #bpe(JsonObject, List, String, boolean)}.
     *
     * @param ignoreMerges whether a pre-token that is itself a vocabulary token becomes that token before any merge
     *                     is tried (Llama 3's and Mistral's tekken tokenizer.json; llama.cpp's
     *                     {@code ignore_merges})
     */
    static JsonObject bpe(JsonObject vocab, List<MergePair> merges, String unkToken, boolean byteFallback,
                          boolean ignoreMerges) {
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", unkToken == null ? JsonNull.INSTANCE : new JsonPrimitive(unkToken));
        model.add("continuing_subword_prefix", JsonNull.INSTANCE);
        model.add("end_of_word_suffix", JsonNull.INSTANCE);
        model.addProperty("fuse_unk", unkToken != null);
        model.addProperty("byte_fallback", byteFallback);
        model.addProperty("ignore_merges", ignoreMerges);
        model.add("vocab", vocab);
        JsonArray pairs = new JsonArray(merges.size());
        for (MergePair merge : merges) {
            JsonArray pair = new JsonArray(2);
            pair.add(merge.left());
            pair.add(merge.right());
            pairs.add(pair);
        }
        model.add("merges", pairs);
        return model;
    }

    /**
     * The {@code vocab} object, token text to id in id order.
     *
     * @throws ModelLoadException when two ids have the same text, which a tokenizer.json cannot express
     */
    static JsonObject vocab(List<String> tokens, String source, String field) {
        Map<String, Integer> seen = new HashMap<>(tokens.size() * 2);
        JsonObject vocab = new JsonObject();
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            Integer before = seen.putIfAbsent(token, id);
            if (before != null) {
                throw new ModelLoadException(source + ": " + field + " has \"" + token + "\" at ids " + before
                        + " and " + id + ", expected distinct tokens (a tokenizer.json vocabulary maps text to one id)");
            }
            vocab.addProperty(token, id);
        }
        return vocab;
    }

    /** {@code {"type": type}}. */
    static JsonObject typed(String type) {
        JsonObject json = new JsonObject();
        json.addProperty("type", type);
        return json;
    }

    /** A {@code Sequence} normalizer, pre-tokenizer or decoder; {@code key} is the member its items go in. */
    static JsonObject sequence(String key, List<JsonObject> items) {
        JsonObject json = typed("Sequence");
        JsonArray array = new JsonArray(items.size());
        items.forEach(array::add);
        json.add(key, array);
        return json;
    }

    /** The Replace normalizer or decoder: every occurrence of a literal string. */
    static JsonObject replace(String literal, String content) {
        JsonObject json = typed("Replace");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("String", literal);
        json.add("pattern", pattern);
        json.addProperty("content", content);
        return json;
    }

    /** The Prepend normalizer, which leaves empty text empty. */
    static JsonObject prepend(String prefix) {
        JsonObject json = typed("Prepend");
        json.addProperty("prepend", prefix);
        return json;
    }

    /** The Strip decoder: up to {@code start} leading copies of {@code content} off the decoded text. */
    static JsonObject strip(char content, int start) {
        JsonObject json = typed("Strip");
        json.addProperty("content", String.valueOf(content));
        json.addProperty("start", start);
        json.addProperty("stop", 0);
        return json;
    }

    /** The Split pre-tokenizer on a regex, each match its own piece ({@code Isolated}). */
    static JsonObject splitIsolated(String regex) {
        JsonObject json = typed("Split");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("Regex", regex);
        json.add("pattern", pattern);
        json.addProperty("behavior", "Isolated");
        json.addProperty("invert", false);
        return json;
    }

    /** The ByteLevel pre-tokenizer or decoder; {@code useRegex} applies GPT-2's own split regex first. */
    static JsonObject byteLevel(boolean useRegex) {
        return byteLevel(useRegex, true);
    }

    /**
     * The ByteLevel pre-tokenizer with the {@code trim_offsets} its source writes (Qwen2 writes false); it changes
     * the offsets reported for each token, never the ids.
     */
    static JsonObject byteLevel(boolean useRegex, boolean trimOffsets) {
        JsonObject json = typed("ByteLevel");
        json.addProperty("add_prefix_space", false);
        json.addProperty("trim_offsets", trimOffsets);
        json.addProperty("use_regex", useRegex);
        return json;
    }
}
