package io.edgerouter.engine.model;

import io.edgerouter.engine.PrefillStats;

/**
 * Accumulates {@link PrefillStats} over the logits rows of a prefill, row by row as each pass's output buffer is read:
 * log-sum-exp (after the row's maximum) gives log Z, so the surprisal of the next token is log Z − logit[next]; on the
 * last row the same exp loop sums p·logit for the entropy H = log Z − E[logit]. One exp per vocabulary entry and row,
 * sums in double; nothing is kept but two sums.
 */
final class PromptSurprisal {

    private final int[] nextTokens;
    private double surprisalSum;
    private int scored;
    private double lastEntropy = Double.NaN;

    /**
     * @param fed the tokens fed in this prefill, in order: row i predicts {@code fed[i + 1]}; the last row predicts
     *            the first generated token
     */
    PromptSurprisal(int[] fed) {
        this.nextTokens = fed;
    }

    /** Row {@code i} of the fed tokens (vocab). */
    void row(int i, float[] logits, int vocab) {
        boolean last = i == nextTokens.length - 1;
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) { // a plain max loop: cheap next to the exps below
            max = Math.max(max, logits[v]);
        }
        double sum = 0; // Σ exp(x − max)
        double weighted = 0; // Σ exp(x − max)·(x − max), last row only
        if (last) {
            for (int v = 0; v < vocab; v++) {
                double d = logits[v] - max;
                double e = Math.exp(d);
                sum += e;
                weighted += e * d;
            }
        } else {
            for (int v = 0; v < vocab; v++) {
                sum += Math.exp(logits[v] - max);
            }
        }
        double logSum = Math.log(sum); // log Z − max
        if (last) {
            lastEntropy = Math.max(0, logSum - weighted / sum);
        } else {
            surprisalSum += logSum - (logits[nextTokens[i + 1]] - max);
            scored++;
        }
    }

    PrefillStats stats(int reused) {
        return new PrefillStats(scored == 0 ? Double.NaN : surprisalSum / scored, lastEntropy, scored, reused);
    }
}
