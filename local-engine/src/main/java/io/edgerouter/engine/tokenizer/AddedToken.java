package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;

import java.util.Objects;

/**
 * An entry of tokenizer.json's {@code added_tokens}: text that is matched as one token wherever it occurs, before the
 * model sees the rest. It is matched in the raw text ({@code normalized: false}), as llama.cpp matches control and
 * user-defined tokens, so that a normalizer's {@code ▁} prefix never hides a chat-template marker.
 *
 * @param id      the token id
 * @param content the literal text
 * @param special whether decoding with "skip special tokens" drops it (control tokens: BOS, EOS, chat markers)
 * @param rstrip  whether whitespace right after it is consumed with it (Phi-3's chat markers)
 */
record AddedToken(int id, String content, boolean special, boolean rstrip) {

    AddedToken {
        Objects.requireNonNull(content, "content");
        if (id < 0 || content.isEmpty()) {
            throw new IllegalArgumentException("added token " + id + " \"" + content
                    + "\": expected an id >= 0 and non-empty text");
        }
    }

    /** The tokenizer.json form. */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("id", id);
        json.addProperty("content", content);
        json.addProperty("single_word", false);
        json.addProperty("lstrip", false);
        json.addProperty("rstrip", rstrip);
        json.addProperty("normalized", false);
        json.addProperty("special", special);
        return json;
    }
}
