package io.edgerouter.engine.spec;

/**
 * Outcome of verifying one draft against the target.
 *
 * @param accepted       leading draft tokens the target accepts (0..draft length)
 * @param nextToken      the target's token after them: the correction of the first rejected draft token, or a
 *                       bonus token when all were accepted
 * @param targetLogProbs (accepted + 1) target log-probabilities (temperature 1) of the emitted tokens: the accepted
 *                       draft tokens, then {@code nextToken}
 */
public record VerifyResult(int accepted, int nextToken, double[] targetLogProbs) {

    public VerifyResult {
        if (accepted < 0 || targetLogProbs.length != accepted + 1) {
            throw new IllegalArgumentException("accepted " + accepted + " needs " + (accepted + 1) + " log-probs, got "
                    + targetLogProbs.length);
        }
    }

    /** The tokens this round emits: the accepted draft prefix followed by {@code nextToken}. */
    public int[] emitted(int[] draft) {
        int[] out = java.util.Arrays.copyOf(draft, accepted + 1);
        out[accepted] = nextToken;
        return out;
    }
}
