package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A GGUF {@code tokenizer.ggml.model = llama} vocabulary (SentencePiece BPE: tokens, scores, token types) as a
 * tokenizer.json, the same way as a llama2.c tokenizer.bin. Without the keys, ids follow llama.cpp's SentencePiece
 * defaults: unknown 0, BOS 1, EOS 2, BOS added, EOS not, a space put in front of the text.
 */
final class GgufSentencePiece {

    static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";

    /** Phi-3's special tokens that keep the whitespace after them; every other one consumes it. */
    private static final Set<String> PHI3_KEEPS_WHITESPACE = Set.of("<unk>", "<s>", "<|endoftext|>");

    private GgufSentencePiece() {
    }

    static ImportedTokenizer convert(GgufVocabFields fields) {
        float[] scores = fields.require(GgufVocabFields.SCORES, "one f32 score per token")
                .floats(GgufVocabFields.SCORES);
        fields.checkLength(GgufVocabFields.SCORES, scores.length);
        int unk = fields.id(GgufVocabFields.UNK, firstOfType(fields.types(), TokenType.UNKNOWN, 0));
        int bos = fields.id(GgufVocabFields.BOS, Math.min(1, fields.tokens().size() - 1));
        int eos = fields.id(GgufVocabFields.EOS, Math.min(2, fields.tokens().size() - 1));
        int pad = fields.id(GgufVocabFields.PAD, -1);
        SentencePieceVocab vocab = new SentencePieceVocab(fields.tokens(), scores, fields.types(), unk, bos, eos,
                fields.flag(ADD_SPACE_PREFIX, true));
        List<AddedToken> added = SpmTokenizerJson.addedTokens(vocab, rstrip(fields));
        JsonObject json = SpmTokenizerJson.build(vocab, added, fields.source(), GgufVocabFields.TOKENS);
        boolean addBos = fields.flag(GgufVocabFields.ADD_BOS, true);
        boolean addEos = fields.flag(GgufVocabFields.ADD_EOS, false);
        JsonObject config = fields.config(bos, eos, unk, pad, addBos, addEos);
        return new ImportedTokenizer(json, config, bos, fields.endIds(eos), addBos);
    }

    /**
     * Which added tokens swallow the whitespace after them. GGUF does not store it; llama.cpp sets it for Phi-3 by
     * the model's name, as HF's Phi-3 tokenizer.json has it, so that {@code <|user|>\nHi} tokenizes as
     * {@code <|user|>} {@code ▁Hi}. Other models keep their whitespace.
     */
    private static IntPredicate rstrip(GgufVocabFields fields) {
        String name = fields.modelName();
        if (!name.contains("phi-3") && !name.contains("phi3")) {
            return id -> false;
        }
        return id -> !PHI3_KEEPS_WHITESPACE.contains(fields.tokens().get(id));
    }

    private static int firstOfType(List<TokenType> types, TokenType type, int fallback) {
        int id = types.indexOf(type);
        return id >= 0 ? id : fallback;
    }
}
