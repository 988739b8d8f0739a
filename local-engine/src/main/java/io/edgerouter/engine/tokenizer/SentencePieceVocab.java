package io.edgerouter.engine.tokenizer;

import java.util.List;
import java.util.Locale;

/**
 * A SentencePiece BPE vocabulary as llama2.c and GGUF ({@code tokenizer.ggml.model = llama}) carry it: pieces with
 * {@code ▁} for a space, one score per piece (a higher score merges first) and a type per piece.
 *
 * @param pieces         the pieces by id
 * @param scores         the score of each piece by id (a copy is kept and handed out)
 * @param types          the type of each piece by id
 * @param unkId          the unknown token's id
 * @param bosId          the BOS token's id, or -1 when there is none
 * @param eosId          the EOS token's id, or -1 when there is none
 * @param addSpacePrefix whether a {@code ▁} is put before non-empty text (SentencePiece's add_dummy_prefix)
 */
public record SentencePieceVocab(List<String> pieces, float[] scores, List<TokenType> types, int unkId, int bosId,
                                 int eosId, boolean addSpacePrefix) {

    /** SentencePiece's meta symbol for a space, U+2581 LOWER ONE EIGHTH BLOCK. */
    public static final char SPACE = '\u2581';

    public SentencePieceVocab {
        pieces = List.copyOf(pieces);
        scores = scores.clone();
        types = List.copyOf(types);
        if (pieces.size() != scores.length || pieces.size() != types.size()) {
            throw new IllegalArgumentException(pieces.size() + " pieces, " + scores.length + " scores and "
                    + types.size() + " types: one of each per token expected");
        }
        checkId("unknown", unkId, pieces.size(), false);
        checkId("BOS", bosId, pieces.size(), true);
        checkId("EOS", eosId, pieces.size(), true);
    }

    private static void checkId(String what, int id, int size, boolean optional) {
        if ((id < 0 && !(optional && id == -1)) || id >= size) {
            throw new IllegalArgumentException(what + " token id " + id + " is outside the vocabulary 0.."
                    + (size - 1));
        }
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** Number of tokens. */
    public int size() {
        return pieces.size();
    }

    /** The score of one piece, without copying the array. */
    public float score(int id) {
        return scores[id];
    }

    /** The byte-fallback piece for a byte, e.g. {@code <0x0A>}: the spelling SentencePiece and HF share. */
    public static String bytePiece(int b) {
        return String.format(Locale.ROOT, "<0x%02X>", b & 0xFF);
    }
}
