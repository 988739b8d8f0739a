package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code tokenizer.*} fields every GGUF vocabulary has, read once and checked: the tokens, their types (all
 * normal when the file has none), special token ids within the vocabulary, and the tokenizer_config.json they imply.
 */
final class GgufVocabFields {

    static final String MODEL = "tokenizer.ggml.model";
    static final String PRE = "tokenizer.ggml.pre";
    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    static final String SCORES = "tokenizer.ggml.scores";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String BOS = "tokenizer.ggml.bos_token_id";
    static final String EOS = "tokenizer.ggml.eos_token_id";
    static final String UNK = "tokenizer.ggml.unknown_token_id";
    static final String PAD = "tokenizer.ggml.padding_token_id";
    static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    static final String ADD_EOS = "tokenizer.ggml.add_eos_token";
    static final String CHAT_TEMPLATE = "tokenizer.chat_template";

    /**
     * Texts of control tokens that end a turn, so that generation stops there as well as at EOS (Phi-3 ends a turn
     * with {@code <|end|>} while its EOS is {@code <|endoftext|>}).
     */
    private static final Set<String> END_OF_TURN = Set.of("<|end|>", "<|eot_id|>", "<|eom_id|>", "<|im_end|>",
            "<end_of_turn>", "<|endoftext|>", "<\uff5cend\u2581of\u2581sentence\uff5c>");

    private final VocabMetadata meta;
    private final List<String> tokens;
    private final List<TokenType> types;

    GgufVocabFields(VocabMetadata meta) {
        this.meta = meta;
        this.tokens = List.copyOf(require(TOKENS, "the vocabulary as a string array").strings(TOKENS));
        if (tokens.isEmpty()) {
            throw new ModelLoadException(source() + ": " + TOKENS + " is empty, expected the vocabulary");
        }
        this.types = readTypes();
        checkVocabSize();
    }

    String source() {
        return meta.source();
    }

    List<String> tokens() {
        return tokens;
    }

    List<TokenType> types() {
        return types;
    }

    /** {@code general.name} in lower case, or empty. */
    String modelName() {
        return meta.has("general.name") ? meta.string("general.name").toLowerCase(Locale.ROOT) : "";
    }

    /** The metadata, after checking a required key is there. */
    VocabMetadata require(String key, String expected) {
        if (!meta.has(key)) {
            throw new ModelLoadException(source() + ": missing " + key + ", expected " + expected);
        }
        return meta;
    }

    /** A per-token array's length must equal the vocabulary's. */
    void checkLength(String key, int length) {
        if (length != tokens.size()) {
            throw new ModelLoadException(source() + ": " + key + " has " + length + " entries, but "
                    + TOKENS + " has " + tokens.size() + " (one per token expected)");
        }
    }

    private List<TokenType> readTypes() {
        List<TokenType> out = new ArrayList<>(tokens.size());
        if (!meta.has(TOKEN_TYPE)) {
            tokens.forEach(t -> out.add(TokenType.NORMAL));
            return out;
        }
        int[] codes = meta.ints(TOKEN_TYPE);
        checkLength(TOKEN_TYPE, codes.length);
        for (int id = 0; id < codes.length; id++) {
            try {
                out.add(TokenType.ofCode(codes[id]));
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(source() + ": " + TOKEN_TYPE + "[" + id + "] is " + codes[id]
                        + ", expected 1..6 (normal, unknown, control, user-defined, unused, byte)", e);
            }
        }
        return out;
    }

    /** {@code <arch>.vocab_size}, where the file states it, must count the tokens. */
    private void checkVocabSize() {
        if (!meta.has("general.architecture")) {
            return;
        }
        String key = meta.string("general.architecture") + ".vocab_size";
        if (meta.has(key) && meta.integer(key) != tokens.size()) {
            throw new ModelLoadException(source() + ": " + TOKENS + " has " + tokens.size() + " tokens, but "
                    + key + " is " + meta.integer(key));
        }
    }

    /** An optional token id, which must lie in the vocabulary; {@code fallback} (maybe -1) when absent. */
    int id(String key, int fallback) {
        if (!meta.has(key)) {
            return fallback;
        }
        long id = meta.integer(key);
        if (id < 0 || id >= tokens.size()) {
            throw new ModelLoadException(source() + ": " + key + " is " + id + ", expected a token id 0.."
                    + (tokens.size() - 1));
        }
        return (int) id;
    }

    /** An optional flag. */
    boolean flag(String key, boolean fallback) {
        return meta.has(key) ? meta.bool(key) : fallback;
    }

    /** EOS, {@code tokenizer.ggml.eot/eom_token_id}, and the control tokens that end a turn. */
    Set<Integer> endIds(int eos) {
        Set<Integer> ids = new LinkedHashSet<>();
        if (eos >= 0) {
            ids.add(eos);
        }
        for (String key : List.of("tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")) {
            int id = id(key, -1);
            if (id >= 0) {
                ids.add(id);
            }
        }
        for (int id = 0; id < tokens.size(); id++) {
            if (types.get(id) == TokenType.CONTROL && END_OF_TURN.contains(tokens.get(id))) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The tokenizer_config.json, with the context length and chat template when the file has them. */
    JsonObject config(int bos, int eos, int unk, int pad, boolean addBos, boolean addEos) {
        JsonObject config = ImportedTokenizer.config(tokens, bos, eos, unk, pad, addBos, addEos);
        if (meta.has("general.architecture")) {
            String key = meta.string("general.architecture") + ".context_length";
            if (meta.has(key)) {
                config.addProperty("model_max_length", meta.integer(key));
            }
        }
        if (meta.has(CHAT_TEMPLATE)) {
            config.addProperty("chat_template", meta.string(CHAT_TEMPLATE));
        }
        return config;
    }
}
