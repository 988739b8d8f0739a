package io.edgerouter.engine.spec;

/**
 * Outcome of verifying one draft against the target.
 *
 * @param accepted       leading draft tokens the target accepts (0..draft length)
 * @param nextToken      the target's token after them: the correction of the first rejected draft token, or a
 *                       bonus token when all were accepted
 * @param targetLogProbs (accepted + 1) target log-probabilities (temperature 1) of the emitted tokens: the accepted
 *                       draft tokens, then {@code nextToken}
 * @param top            per emitted token the target's most likely tokens, when asked for; else empty
 */
public record VerifyResult(int accepted, int nextToken, double[] targetLogProbs,
                           java.util.List<io.edgerouter.engine.sampling.TopLogprobs> top) {

    public VerifyResult {
        if (accepted < 0 || targetLogProbs.length != accepted + 1) {
            throw new IllegalArgumentException("accepted " + accepted + " needs " + (accepted + 1) + " log-probs, got "
                    + targetLogProbs.length);
        }
        top = top == null ? java.util.List.of() : java.util.List.copyOf(top);
    }

    /** Without the most likely alternatives. */
    public VerifyResult(int accepted, int nextToken, double[] targetLogProbs) {
        this(accepted, nextToken, targetLogProbs, java.util.List.of());
    }

    /** The tokens this round emits: the accepted draft prefix followed by {@code nextToken}. */
    public int[] emitted(int[] draft) {
        int[] out = java.util.Arrays.copyOf(draft, accepted + 1);
        out[accepted] = nextToken;
        return out;
    }
}
