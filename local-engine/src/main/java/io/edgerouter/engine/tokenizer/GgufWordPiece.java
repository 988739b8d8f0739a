package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A GGUF {@code tokenizer.ggml.model = bert} vocabulary (WordPiece) as a tokenizer.json in the form of HF's BERT
 * tokenizers: BERT's normalizer and pre-tokenizer, a WordPiece model with {@code ##} continuations.
 *
 * <p>llama.cpp's converter stored the pieces in its "phantom space" form: a word-initial piece {@code x} as
 * {@code ▁x}, a continuation {@code ##x} as {@code x}, and bracketed names such as {@code [CLS]} or
 * {@code [unused0]} unchanged. This undoes it: a leading {@code ▁} is dropped, {@code [...]} is kept, and anything
 * else gets {@code ##} back. (A continuation that itself looked like {@code [...]} could not be told apart; BERT
 * vocabularies have none.)
 *
 * <p>GGUF does not say whether the model lower-cases; it is taken to when no token changes under lower-casing, as
 * for uncased vocabularies such as bge's.
 */
final class GgufWordPiece {

    private static final String CLS = "tokenizer.ggml.cls_token_id";
    /** The key's spelling in llama.cpp's files. */
    private static final String SEP = "tokenizer.ggml.seperator_token_id";
    private static final String MASK = "tokenizer.ggml.mask_token_id";

    private GgufWordPiece() {
    }

    static ImportedTokenizer convert(GgufVocabFields fields) {
        List<String> pieces = new ArrayList<>(fields.tokens().size());
        for (String token : fields.tokens()) {
            pieces.add(wordPiece(token));
        }
        int unk = fields.id(GgufVocabFields.UNK, pieces.indexOf("[UNK]"));
        int cls = fields.id(CLS, pieces.indexOf("[CLS]"));
        int sep = fields.id(SEP, pieces.indexOf("[SEP]"));
        int pad = fields.id(GgufVocabFields.PAD, -1);
        int mask = fields.id(MASK, -1);
        boolean addCls = fields.flag(GgufVocabFields.ADD_BOS, cls >= 0);
        boolean addSep = fields.flag(GgufVocabFields.ADD_EOS, sep >= 0);
        List<AddedToken> added = new ArrayList<>();
        for (int id = 0; id < pieces.size(); id++) {
            if (fields.types().get(id) == TokenType.CONTROL || id == unk) {
                added.add(new AddedToken(id, pieces.get(id), true, false));
            }
        }
        JsonObject json = HfJson.tokenizer(added, normalizer(lowercases(pieces)), HfJson.typed("BertPreTokenizer"),
                decoder(), model(HfJson.vocab(pieces, fields.source(), GgufVocabFields.TOKENS),
                        unk >= 0 ? pieces.get(unk) : "[UNK]"));
        JsonObject config = fields.config(cls, sep, unk, pad, addCls, addSep);
        addToken(config, "cls_token", pieces, cls);
        addToken(config, "sep_token", pieces, sep);
        addToken(config, "mask_token", pieces, mask);
        return new ImportedTokenizer(json, config, cls, sep >= 0 ? Set.of(sep) : Set.of(),
                addCls && cls >= 0);
    }

    /** One stored token back in HF's WordPiece spelling. */
    static String wordPiece(String token) {
        if (token.length() > 1 && token.charAt(0) == SentencePieceVocab.SPACE) {
            return token.substring(1);
        }
        if (token.length() >= 2 && token.startsWith("[") && token.endsWith("]")) {
            return token;
        }
        return "##" + token;
    }

    private static boolean lowercases(List<String> pieces) {
        return pieces.stream().allMatch(p -> (p.startsWith("[") && p.endsWith("]"))
                || p.equals(p.toLowerCase(Locale.ROOT)));
    }

    private static JsonObject normalizer(boolean lowercase) {
        JsonObject json = HfJson.typed("BertNormalizer");
        json.addProperty("clean_text", true);
        json.addProperty("handle_chinese_chars", true);
        // null: accents are stripped exactly when lower-casing, as BERT's own tokenizer does
        json.add("strip_accents", JsonNull.INSTANCE);
        json.addProperty("lowercase", lowercase);
        return json;
    }

    private static JsonObject model(JsonObject vocab, String unkToken) {
        JsonObject json = HfJson.typed("WordPiece");
        json.addProperty("unk_token", unkToken);
        json.addProperty("continuing_subword_prefix", "##");
        json.addProperty("max_input_chars_per_word", 100);
        json.add("vocab", vocab);
        return json;
    }

    private static JsonObject decoder() {
        JsonObject json = HfJson.typed("WordPiece");
        json.addProperty("prefix", "##");
        json.addProperty("cleanup", true);
        return json;
    }

    private static void addToken(JsonObject config, String key, List<String> pieces, int id) {
        if (id >= 0) {
            config.addProperty(key, pieces.get(id));
        }
    }
}
