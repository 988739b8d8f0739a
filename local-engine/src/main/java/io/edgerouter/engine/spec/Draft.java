package io.edgerouter.engine.spec;

/**
 * Tokens proposed by a {@link Drafter}.
 *
 * @param tokens        proposed ids, possibly none
 * @param probabilities (tokens, vocab) the drafter's distribution each token was drawn from, or null when the
 *                      drafter is deterministic (then each token counts as a point mass)
 */
public record Draft(int[] tokens, double[][] probabilities) {

    public static final Draft EMPTY = new Draft(new int[0], null);

    public Draft {
        if (probabilities != null && probabilities.length != tokens.length) {
            throw new IllegalArgumentException("need one distribution per draft token: " + probabilities.length
                    + " for " + tokens.length + " tokens");
        }
    }

    public int size() {
        return tokens.length;
    }
}
