package io.edgerouter.engine;

/**
 * What the local model says about a prompt, read off the logits of the prefill pass a generation needs anyway: how
 * surprised it was by the prompt, and how unsure it is about the first answer token. No extra forward pass.
 *
 * @param meanSurprisal     mean −log p(token[i+1] | tokens ≤ i), nats, over the prompt positions this prefill
 *                          computed ({@code positions} of them); NaN when it computed no position with a known next
 *                          token (a one-token prompt, or a prompt whose KV cache was reused up to its last token)
 * @param firstTokenEntropy entropy (nats) of the next-token distribution after the last prompt token, i.e. of the
 *                          first generated token, at temperature 1 before any truncation
 * @param positions         prompt tokens whose surprisal is in the mean
 * @param reused            prompt tokens whose KV cache an earlier turn left: not recomputed, so not in the mean
 */
public record PrefillStats(double meanSurprisal, double firstTokenEntropy, int positions, int reused) {

    public PrefillStats {
        if (positions < 0 || reused < 0) {
            throw new IllegalArgumentException("positions and reused must be >= 0, got " + positions + " and " + reused);
        }
        if (positions == 0 != Double.isNaN(meanSurprisal)) {
            throw new IllegalArgumentException("meanSurprisal is NaN exactly when no position was scored, got "
                    + meanSurprisal + " over " + positions + " positions");
        }
    }
}
