package io.edgerouter.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Merge rules derived from SentencePiece scores, on vocabularies small enough to rank by hand. */
class SpmMergesTest {

    private static SentencePieceVocab vocab(List<String> pieces, float[] scores, List<TokenType> types) {
        return new SentencePieceVocab(pieces, scores, types, 0, -1, -1, true);
    }

    private static List<String> rules(SentencePieceVocab vocab) {
        List<String> rules = new ArrayList<>();
        SpmMerges.derive(vocab).forEach(m -> rules.add(m.left() + "+" + m.right()));
        return rules;
    }

    @Test
    void ranksEverySplitIntoTwoPiecesByTheMergedPiecesScoreHighestFirst() {
        List<String> pieces = List.of("<unk>", "a", "b", "c", "ab", "bc", "abc");
        float[] scores = {0, -10, -11, -12, -2, -1, -3};
        List<TokenType> types = List.of(TokenType.UNKNOWN, TokenType.NORMAL, TokenType.NORMAL, TokenType.NORMAL,
                TokenType.NORMAL, TokenType.NORMAL, TokenType.NORMAL);
        // bc (-1), ab (-2), then abc (-3) both ways: longer left side first
        assertThat(rules(vocab(pieces, scores, types))).containsExactly("b+c", "a+b", "ab+c", "a+bc");
    }

    @Test
    void growsTheLeftmostPieceOfAWhitespaceRunOnTiedScores() {
        String s = "\u2581";
        List<String> pieces = List.of("<unk>", s, s + s, s + s + s, s + s + s + s);
        float[] scores = {0, -1e9f, -1e9f, -1e9f, -1e9f};
        List<TokenType> types = List.of(TokenType.UNKNOWN, TokenType.NORMAL, TokenType.NORMAL, TokenType.NORMAL,
                TokenType.NORMAL);
        // every rule that extends a longer left run comes before the rule joining two single spaces
        assertThat(rules(vocab(pieces, scores, types))).containsExactly(s + s + s + "+" + s, s + s + "+" + s,
                s + s + "+" + s + s, s + "+" + s, s + "+" + s + s, s + "+" + s + s + s);
    }

    @Test
    void neitherMergesIntoNorFromPiecesThatAreNotNormal() {
        List<String> pieces = List.of("<unk>", "<", "unk>", "<0x41>", "x", "<0x41>x", "xx");
        float[] scores = {0, -1, -2, 0, -3, -4, -5};
        List<TokenType> types = List.of(TokenType.UNKNOWN, TokenType.NORMAL, TokenType.NORMAL, TokenType.BYTE,
                TokenType.NORMAL, TokenType.NORMAL, TokenType.USER_DEFINED);
        assertThat(rules(vocab(pieces, scores, types))).isEmpty();
    }

    @Test
    void splitsBetweenCodePointsNeverInsideASurrogatePair() {
        String llama = "\uD83E\uDD99";
        List<String> pieces = List.of("<unk>", llama, "a", llama + "a");
        float[] scores = {0, -5, -6, -1};
        List<TokenType> types = List.of(TokenType.UNKNOWN, TokenType.NORMAL, TokenType.NORMAL, TokenType.NORMAL);
        assertThat(rules(vocab(pieces, scores, types))).containsExactly(llama + "+a");
    }

    @Test
    void treatsMinusZeroAsTheSameScoreAsZero() {
        List<String> pieces = List.of("<unk>", "a", "b", "ab", "ba");
        float[] scores = {0, -1, -2, -0f, 0f};
        List<TokenType> types = List.of(TokenType.UNKNOWN, TokenType.NORMAL, TokenType.NORMAL, TokenType.NORMAL,
                TokenType.NORMAL);
        // a tie, so the left side's id decides: a (1) before b (2)
        assertThat(rules(vocab(pieces, scores, types))).containsExactly("a+b", "b+a");
    }
}
