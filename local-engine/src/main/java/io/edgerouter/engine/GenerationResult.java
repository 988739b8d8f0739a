package io.edgerouter.engine;

/**
 * What a generation call produced.
 *
 * @param tokens        emitted ids: a stop token is excluded; with a stop string, the ids up to the one completing it;
 *                      never the request's answer prefix
 * @param text          decoded output, cut before a stop string; empty when no tokenizer is attached; with an answer
 *                      prefix only the text after the prefix's own text
 * @param rounds        verify calls made while generating (target forward passes when local; one per token when
 *                      vanilla)
 * @param drafted       draft tokens proposed
 * @param accepted      draft tokens the target accepted
 * @param elapsedNanos  wall time of the call
 * @param runNanos      time spent inside OrtSession.run during the call by the local sessions the generator accounts
 *                      (target and draft; with a caller's verifier only the local drafting session)
 */
public record GenerationResult(int[] tokens, String text, FinishReason finishReason, int rounds, long drafted,
                               long accepted, long elapsedNanos, long runNanos) {

    /** Accepted / drafted (0 when nothing was drafted). */
    public double acceptanceRate() {
        return drafted == 0 ? 0 : (double) accepted / drafted;
    }

    /** Mean tokens emitted per target forward pass. */
    public double tokensPerRound() {
        return rounds == 0 ? 0 : (double) tokens.length / rounds;
    }
}
