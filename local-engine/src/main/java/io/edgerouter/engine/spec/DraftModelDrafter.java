package io.edgerouter.engine.spec;

import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.sampling.Probabilities;
import io.edgerouter.engine.sampling.Sampler;
import io.edgerouter.engine.sampling.SamplingParams;

/**
 * Drafts with a smaller model sharing the target's tokenizer. Its own {@link DecoderSession} keeps a KV cache that
 * is caught up with the committed sequence (prefix reuse) before each draft.
 */
public final class DraftModelDrafter implements Drafter {

    private final DecoderSession session;
    private final SamplingParams params;
    private final Sampler sampler;

    public DraftModelDrafter(DecoderSession session, SamplingParams params) {
        this.session = session;
        this.params = params;
        this.sampler = Sampler.seeded(params.seed() ^ 0x5DEECE66DL);
    }

    @Override
    public Draft draft(int[] sequence, int k) {
        if (k < 0) {
            throw new InvalidRequestException("draft length k must be ≥ 0, got " + k);
        }
        if (k == 0) {
            return Draft.EMPTY;
        }
        int vocab = session.model().vocabSize();
        int[] tokens = new int[k];
        double[][] probabilities = params.isGreedy() ? null : new double[k][];
        float[] logits = session.extendTo(sequence, 1); // (vocab)
        for (int i = 0; i < k; i++) {
            if (params.isGreedy()) {
                tokens[i] = Probabilities.argmax(logits, 0, vocab);
            } else {
                probabilities[i] = Probabilities.of(logits, 0, vocab, params);
                tokens[i] = sampler.sample(probabilities[i]);
            }
            if (i < k - 1) {
                logits = session.append(tokens[i]);
            }
        }
        return new Draft(tokens, probabilities);
    }
}
