package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A SentencePiece BPE vocabulary as a Hugging Face tokenizer.json, in the form HF's own LlamaTokenizerFast files
 * have: a BPE model with byte fallback over the whole text (no pre-tokenizer), a normalizer that puts {@code ▁} for
 * spaces and in front of non-empty text, and a decoder that undoes both and turns byte pieces back into bytes.
 *
 * <p>Encoding then matches SentencePiece and llama2.c's {@code encode()} without BOS/EOS, with one deliberate
 * exception: a literal {@code ▁} in the text is a space here, as in SentencePiece and HF, while llama2.c (whose
 * pieces hold real spaces) falls back to its three UTF-8 bytes.
 */
final class SpmTokenizerJson {

    private SpmTokenizerJson() {
    }

    /**
     * The tokenizer.json of a vocabulary.
     *
     * @param source the file the vocabulary came from, for error messages
     * @param field  where the pieces are in that file, for error messages
     */
    static JsonObject build(SentencePieceVocab vocab, List<AddedToken> added, String source, String field) {
        String space = String.valueOf(SentencePieceVocab.SPACE);
        JsonObject normalizer = vocab.addSpacePrefix()
                ? HfJson.sequence("normalizers", List.of(HfJson.prepend(space), HfJson.replace(" ", space)))
                : HfJson.replace(" ", space);
        List<JsonObject> decoders = new ArrayList<>(List.of(HfJson.replace(space, " "),
                HfJson.typed("ByteFallback"), HfJson.typed("Fuse")));
        if (vocab.addSpacePrefix()) {
            // the prefix added in front of the text comes back as a leading space; SentencePiece drops it
            decoders.add(HfJson.strip(' ', 1));
        }
        boolean byteFallback = vocab.types().contains(TokenType.BYTE);
        JsonObject model = HfJson.bpe(HfJson.vocab(vocab.pieces(), source, field), SpmMerges.derive(vocab),
                vocab.pieces().get(vocab.unkId()), byteFallback);
        return HfJson.tokenizer(added, normalizer, null, HfJson.sequence("decoders", decoders), model);
    }

    /**
     * The vocabulary's added tokens: control tokens and the unknown token as special ones, user-defined tokens as
     * plain ones. Unused placeholders stay ordinary vocabulary entries, so text never turns into them.
     *
     * @param rstrip which ids consume the whitespace after them
     */
    static List<AddedToken> addedTokens(SentencePieceVocab vocab, IntPredicate rstrip) {
        List<AddedToken> added = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            TokenType type = vocab.types().get(id);
            boolean special = type == TokenType.CONTROL || id == vocab.unkId();
            if (special || type == TokenType.USER_DEFINED) {
                added.add(new AddedToken(id, vocab.pieces().get(id), special, rstrip.test(id)));
            }
        }
        return added;
    }
}
