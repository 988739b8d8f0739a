package io.edgerouter.router.feature;

/**
 * Folds local-model signals into a prompt-only score by shifting its logit:
 * z' = z + wEntropy·(entropy − e0) − wLogProb·(meanLogProb − l0) + wAccept·(a0 − acceptance), each term only when
 * the signal is present. The prior weights below are not learned (the training data has no local-model traces);
 * they encode the direction every study of LLM uncertainty agrees on, and online calibration corrects the scale.
 */
public record SignalAdjustment(double wEntropy, double e0, double wLogProb, double l0, double wAccept, double a0) {

    /** Entropy in nats around 1.0, mean log-prob around −0.7, acceptance around 0.7 are "typical". */
    public static final SignalAdjustment DEFAULT = new SignalAdjustment(1.0, 1.0, 1.0, -0.7, 3.0, 0.7);

    public double apply(double score, LocalModelSignals s) {
        if (s == null || (!s.hasEntropy() && !s.hasMeanLogProb() && !s.hasVerifyAcceptance())) {
            return score;
        }
        double p = Math.min(Math.max(score, 1e-6), 1 - 1e-6);
        double z = Math.log(p / (1 - p));
        if (s.hasEntropy()) z += wEntropy * (s.entropy() - e0);
        if (s.hasMeanLogProb()) z -= wLogProb * (s.meanLogProb() - l0);
        if (s.hasVerifyAcceptance()) z += wAccept * (a0 - s.verifyAcceptance());
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
