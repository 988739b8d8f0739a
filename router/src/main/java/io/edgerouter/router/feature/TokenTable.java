package io.edgerouter.router.feature;

import java.util.Arrays;

/**
 * The embedding half of a static-MiniLM model folded to one number per vocabulary word piece: for a text with word
 * pieces t₁…tₙ the model's embedding input is the weighted mean
 * (priorWeight·priorScore + Σ weight[t]·score[t]) / (priorWeight + Σ weight[t]), 0 for a text without pieces and no
 * prior. The prior is a pseudo-count at the training corpus's mean: it keeps a text of a few pieces from taking the
 * extreme score of its rarest one. {@code weight} is the piece's inverse document frequency in the training prompts, {@code score}
 * the logistic regression's weights applied to the piece's static MiniLM vector (see
 * {@code train.StaticTable}). Invalid arrays (different lengths, empty, NaN, negative weights) are an
 * {@link IllegalArgumentException}.
 */
public record TokenTable(float[] weight, float[] score, float priorWeight, float priorScore) {

    /** A table without a prior. */
    public TokenTable(float[] weight, float[] score) {
        this(weight, score, 0f, 0f);
    }

    public TokenTable {
        if (!(priorWeight >= 0 && Float.isFinite(priorWeight)) || !Float.isFinite(priorScore)) {
            throw new IllegalArgumentException("token table prior needs a finite weight >= 0 and a finite score, got "
                    + priorWeight + " and " + priorScore);
        }
        if (weight == null || score == null || weight.length == 0 || weight.length != score.length) {
            throw new IllegalArgumentException("token table needs weight and score arrays of the same non-zero length, got "
                    + (weight == null ? "null" : weight.length) + " and " + (score == null ? "null" : score.length));
        }
        requireFinite("weight", weight);
        requireFinite("score", score);
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] < 0) {
                throw new IllegalArgumentException("token table weight[" + i + "] is " + weight[i] + "; must be >= 0");
            }
        }
        weight = weight.clone();
        score = score.clone();
    }

    private static void requireFinite(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("token table " + what + "[" + i + "] is " + values[i] + "; must be finite");
            }
        }
    }

    /** Number of word pieces the table covers (the tokenizer's vocabulary size). */
    public int size() {
        return weight.length;
    }

    /** Weighted mean score of the pieces {@code ids} and the prior; 0 when nothing weighs anything. */
    public double mean(int[] ids) {
        double num = (double) priorWeight * priorScore, den = priorWeight;
        for (int id : ids) {
            if (id < 0 || id >= weight.length) {
                throw new IllegalArgumentException("word piece id " + id + " is outside the token table (" + weight.length + ")");
            }
            num += (double) weight[id] * score[id];
            den += weight[id];
        }
        return den > 0 ? num / den : 0.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenTable t && Arrays.equals(weight, t.weight) && Arrays.equals(score, t.score)
                && Float.compare(priorWeight, t.priorWeight) == 0 && Float.compare(priorScore, t.priorScore) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weight) + Arrays.hashCode(score)) + Float.hashCode(priorWeight)
                + 7 * Float.hashCode(priorScore);
    }

    @Override
    public String toString() {
        return "TokenTable[" + weight.length + " pieces]";
    }
}
