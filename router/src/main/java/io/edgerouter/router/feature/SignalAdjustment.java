package io.edgerouter.router.feature;

/**
 * Folds local-model signals into a prompt-only score by shifting its logit:
 * z' = z + clamp(wEntropy·(entropy − e0) − wLogProb·(meanLogProb − l0) + wAccept·(a0 − acceptance)
 * + wSurprisal·(promptSurprisal − s0), ±maxShift), each term only when the signal is present.
 *
 * <p>The weights and centres are priors, not learned: the training data has no local-model traces. They encode the
 * direction every study of LLM uncertainty agrees on (an unsure or surprised local model answers worse), and online
 * calibration rescales what the shifted score means. The clamp keeps a prior from overruling the learned score on
 * its own when the local model is unlike what the centres assume (a random test model, an unusual tokenizer): at most
 * a factor e^maxShift in the odds.
 *
 * @param wEntropy   logit per nat of next-token entropy above {@code e0}
 * @param wLogProb   logit per nat of drafted mean log-prob below {@code l0}
 * @param wAccept    logit per unit of VERIFY acceptance below {@code a0}
 * @param wSurprisal logit per nat of prompt mean surprisal above {@code s0}
 * @param maxShift   largest total shift, in logits, > 0
 */
public record SignalAdjustment(double wEntropy, double e0, double wLogProb, double l0, double wAccept, double a0,
                               double wSurprisal, double s0, double maxShift) {

    /**
     * Entropy around 1.0 nat, mean log-prob around −0.7, acceptance around 0.7 and a prompt surprisal around 3.0 nats
     * (a small chat model reading a chat-templated prompt: perplexity about 20) are "typical"; surprisal has the wider
     * spread, so half a logit per nat; a total shift of at most 3 logits.
     */
    public static final SignalAdjustment DEFAULT = new SignalAdjustment(1.0, 1.0, 1.0, -0.7, 3.0, 0.7, 0.5, 3.0, 3.0);

    public SignalAdjustment {
        if (!(maxShift > 0)) {
            throw new IllegalArgumentException("maxShift must be > 0 logits, got " + maxShift);
        }
    }

    public double apply(double score, LocalModelSignals s) {
        if (s == null || !s.any()) {
            return score;
        }
        double p = Math.min(Math.max(score, 1e-6), 1 - 1e-6);
        double z = Math.log(p / (1 - p));
        return 1.0 / (1.0 + Math.exp(-(z + shift(s))));
    }

    /** The logit shift the signals make, clamped to ±maxShift; 0 without signals. */
    public double shift(LocalModelSignals s) {
        double d = 0;
        if (s.hasEntropy()) d += wEntropy * (s.entropy() - e0);
        if (s.hasMeanLogProb()) d -= wLogProb * (s.meanLogProb() - l0);
        if (s.hasVerifyAcceptance()) d += wAccept * (a0 - s.verifyAcceptance());
        if (s.hasPromptSurprisal()) d += wSurprisal * (s.promptSurprisal() - s0);
        return Math.max(-maxShift, Math.min(maxShift, d));
    }
}
