package io.edgerouter.engine.spec;

import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.sampling.Probabilities;
import io.edgerouter.engine.sampling.Sampler;
import io.edgerouter.engine.sampling.SamplingParams;

/**
 * The {@link Verifier} over a local target model: verifies a draft in one forward pass. The session keeps the
 * target's KV cache between rounds: after a round it holds {@code context + accepted draft tokens}, so the next
 * round, whose context is the previous one plus the emitted tokens ({@link #context()}), only processes the new
 * tokens. This is the one implementation used both on the device and by the cloud gateway's {@code /v1/verify}.
 *
 * <p>Threads: one verifier is one conversation's state. Its methods are synchronized, so two requests of the same
 * session are serialised rather than corrupting the cache; different verifiers (from
 * {@link io.edgerouter.engine.LocalEngine#newVerifier}) share only the thread-safe model and run concurrently.
 * Close it to free its KV cache (native memory that the garbage collector does not reclaim).
 */
public final class ModelVerifier implements Verifier, AutoCloseable {

    private final DecoderSession target;
    private final boolean ownsSession;
    private final SamplingParams defaults;
    private Sampler sampler;
    private long samplerSeed;
    private int[] committed = new int[0];

    /**
     * A verifier over a session the caller owns (and closes).
     *
     * @param defaults greedy (temperature 0) or sampling parameters; the seed drives acceptance and corrections
     */
    public ModelVerifier(DecoderSession target, SamplingParams defaults) {
        this(target, defaults, false);
    }

    /** @param ownsSession whether {@link #close()} closes {@code target} */
    public ModelVerifier(DecoderSession target, SamplingParams defaults, boolean ownsSession) {
        this.target = target;
        this.ownsSession = ownsSession;
        this.defaults = defaults;
        this.sampler = Sampler.seeded(defaults.seed());
        this.samplerSeed = defaults.seed();
    }

    public DecoderSession target() {
        return target;
    }

    /**
     * The context the next round most likely continues: the last round's context followed by the tokens it
     * emitted (accepted draft tokens + the next token); empty before the first round. A caller that receives only
     * appended ids (the gateway's {@code context_append_ids}) verifies {@code context() + appended}.
     */
    public synchronized int[] context() {
        return committed.clone();
    }

    /**
     * Runs the target once over the draft (reusing the cached prefix of {@code context}) and accepts its longest
     * acceptable prefix: greedy = while the target's argmax agrees; sampling = the speculative-sampling rule.
     *
     * @param context     tokens before the draft (the prompt and everything emitted so far); not empty
     * @param draft       proposed continuation, possibly empty (then this is one plain decoding step)
     * @param draftProbs  (draft, vocab) distributions the draft was sampled from, or null for a deterministic drafter
     * @throws InvalidRequestException naming the bad value: empty context, a token outside the vocabulary, draftProbs
     *                                 of the wrong shape, a closed verifier
     * @throws io.edgerouter.engine.BudgetExceededException when context + draft exceeds the session's budget
     */
    public synchronized VerifyResult verify(int[] context, int[] draft, double[][] draftProbs) {
        return verify(context, draft, draftProbs, defaults);
    }

    /**
     * As {@link #verify(int[], int[], double[][])} with this round's mode: greedy, or sampling with these
     * parameters (a new seed restarts the RNG; the same seed continues its stream across rounds).
     */
    public synchronized VerifyResult verify(int[] context, int[] draft, double[][] draftProbs,
                                            SamplingParams params) {
        return verify(context, draft, draftProbs, params, 0);
    }

    /**
     * As {@link #verify(int[], int[], double[][], SamplingParams)}, also returning the {@code topLogprobs} most likely
     * tokens at every emitted position ({@link VerifyResult#top()}).
     */
    @Override
    public synchronized VerifyResult verify(int[] context, int[] draft, double[][] draftProbs,
                                            SamplingParams params, int topLogprobs) {
        if (params.seed() != samplerSeed) {
            sampler = Sampler.seeded(params.seed());
            samplerSeed = params.seed();
        }
        int k = draft.length;
        int vocab = target.model().vocabSize();
        validate(context, draft, draftProbs, vocab);
        int[] sequence = java.util.Arrays.copyOf(context, context.length + k);
        System.arraycopy(draft, 0, sequence, context.length, k);
        float[] logits = target.extendTo(sequence, k + 1); // (k + 1, vocab): row i predicts the token after i
        int accepted = 0;
        int next = -1;
        while (accepted < k && next < 0) {
            int decision = decide(params, logits, accepted * vocab, vocab, draft[accepted],
                    draftProbs == null ? null : draftProbs[accepted]);
            if (decision == AcceptanceRule.ACCEPTED) {
                accepted++;
            } else {
                next = decision;
            }
        }
        if (next < 0) {
            next = pick(params, logits, k * vocab, vocab);
        }
        double[] logProbs = new double[accepted + 1];
        for (int i = 0; i <= accepted; i++) {
            logProbs[i] = Probabilities.logProb(logits, i * vocab, vocab, i < accepted ? draft[i] : next);
        }
        java.util.List<io.edgerouter.engine.sampling.TopLogprobs> top = new java.util.ArrayList<>();
        for (int i = 0; topLogprobs > 0 && i <= accepted; i++) {
            top.add(Probabilities.top(logits, i * vocab, vocab, topLogprobs));
        }
        target.truncate(context.length + accepted);
        committed = java.util.Arrays.copyOf(sequence, context.length + accepted + 1);
        committed[context.length + accepted] = next;
        return new VerifyResult(accepted, next, logProbs, top);
    }

    /** Frees the KV cache when this verifier owns its session; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (ownsSession) {
            target.close();
        }
    }

    private static void validate(int[] context, int[] draft, double[][] draftProbs, int vocab) {
        if (context.length == 0) {
            throw new InvalidRequestException("empty context: verify needs at least one context token");
        }
        if (draftProbs != null && draftProbs.length != draft.length) {
            throw new InvalidRequestException("draftProbs has " + draftProbs.length + " rows for " + draft.length
                    + " draft tokens");
        }
        for (int i = 0; i < draft.length; i++) {
            if (draft[i] < 0 || draft[i] >= vocab) {
                throw new InvalidRequestException("draft token " + draft[i] + " outside the vocabulary [0, " + vocab
                        + ")");
            }
            if (draftProbs != null && (draftProbs[i] == null || draftProbs[i].length != vocab)) {
                throw new InvalidRequestException("draftProbs row " + i + " must hold " + vocab + " probabilities");
            }
        }
    }

    private int decide(SamplingParams params, float[] logits, int offset, int vocab, int x, double[] q) {
        if (params.isGreedy()) {
            int best = Probabilities.argmax(logits, offset, vocab);
            return best == x ? AcceptanceRule.ACCEPTED : best;
        }
        return AcceptanceRule.decide(Probabilities.of(logits, offset, vocab, params), q, x, sampler);
    }

    private int pick(SamplingParams params, float[] logits, int offset, int vocab) {
        if (params.isGreedy()) {
            return Probabilities.argmax(logits, offset, vocab);
        }
        return sampler.sample(Probabilities.of(logits, offset, vocab, params));
    }
}
