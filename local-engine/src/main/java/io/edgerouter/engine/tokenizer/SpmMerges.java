package io.edgerouter.engine.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns SentencePiece's scores into the ranked merge list of a Hugging Face BPE model.
 *
 * <p>SentencePiece (and llama2.c's {@code encode}) repeatedly merges the adjacent pair whose concatenation is the
 * highest-scoring piece, the leftmost pair on a tie. HF's BPE merges the adjacent pair of lowest rank, the leftmost on
 * a tie. Both agree when every way of splitting a normal piece into two normal pieces is a merge rule ranked by the
 * merged piece's score, highest first.
 *
 * <p>Ties between different rules of equal score need an order, and no fixed order reproduces "leftmost" everywhere.
 * Real vocabularies tie only on whitespace runs (Llama-2 gives {@code ▁▁}…{@code ▁×16} all -1e9), where the
 * leftmost-first result grows the leftmost run piece one {@code ▁} at a time; ranking the rule with the longer left
 * side first does the same. The remaining ties go by the ids of the two sides, for a stable output.
 */
final class SpmMerges {

    /** Higher score first (+0f makes -0.0 equal 0.0, as the encoder's float comparison has it), then as above. */
    private static final Comparator<Candidate> RANK = Comparator
            .comparingDouble((Candidate c) -> c.score + 0f).reversed()
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.leftLength).reversed())
            .thenComparingInt(c -> c.leftId)
            .thenComparingInt(c -> c.rightId);

    private SpmMerges() {
    }

    /** The merge rules of the vocabulary's normal pieces, in rank order. */
    static List<MergePair> derive(SentencePieceVocab vocab) {
        Map<String, Integer> normal = new HashMap<>();
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.types().get(id) == TokenType.NORMAL) {
                normal.putIfAbsent(vocab.pieces().get(id), id);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            if (vocab.types().get(id) == TokenType.NORMAL) {
                addSplits(vocab.pieces().get(id), vocab.score(id), normal, candidates);
            }
        }
        candidates.sort(RANK);
        List<MergePair> merges = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            merges.add(new MergePair(c.left, c.right));
        }
        return merges;
    }

    /** Every split of the piece between two code points whose halves are both normal pieces. */
    private static void addSplits(String piece, float score, Map<String, Integer> normal, List<Candidate> out) {
        int leftLength = 0;
        for (int at = 0; at < piece.length(); ) {
            at += Character.charCount(piece.codePointAt(at));
            leftLength++;
            if (at == piece.length()) {
                break;
            }
            String left = piece.substring(0, at);
            String right = piece.substring(at);
            Integer leftId = normal.get(left);
            Integer rightId = normal.get(right);
            if (leftId != null && rightId != null) {
                out.add(new Candidate(left, right, score, leftLength, leftId, rightId));
            }
        }
    }

    private record Candidate(String left, String right, float score, int leftLength, int leftId, int rightId) {
    }
}
