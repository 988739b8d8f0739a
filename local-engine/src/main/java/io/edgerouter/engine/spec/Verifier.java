package io.edgerouter.engine.spec;

import io.edgerouter.engine.sampling.SamplingParams;

/**
 * Decides how much of a draft the target model accepts: the one step of speculative decoding that needs the target.
 * {@link ModelVerifier} runs a local target model; the edge agent's remote verifier asks the cloud, so the same
 * decoding loop ({@link io.edgerouter.engine.Generator}) drafts on the device and verifies wherever the target is.
 */
public interface Verifier {

    /**
     * Verifies one draft. Contract: the result says how many leading draft tokens are accepted ({@code 0..draft
     * length}), the target's next token after them (the correction of the first rejected token, or a bonus token when
     * all were accepted), and the target's log-probabilities of those emitted tokens ({@code accepted + 1} values; with
     * {@code topLogprobs > 0} also the most likely alternatives at each emitted position).
     *
     * @param context     tokens before the draft (the prompt and everything emitted so far); not empty
     * @param draft       proposed continuation, possibly empty (then this is one plain decoding step)
     * @param draftProbs  (draft, vocab) distributions the draft was sampled from, or null for a deterministic drafter
     * @param params      greedy, or the sampling parameters of the speculative-sampling acceptance rule
     * @param topLogprobs how many most likely tokens to report per emitted position (0 = none)
     * @throws RuntimeException when verification fails (bad input, budget, a native or network failure); the
     *                          {@link io.edgerouter.engine.Generator} propagates it unchanged, after streaming only
     *                          the tokens of earlier rounds
     */
    VerifyResult verify(int[] context, int[] draft, double[][] draftProbs, SamplingParams params, int topLogprobs);
}
