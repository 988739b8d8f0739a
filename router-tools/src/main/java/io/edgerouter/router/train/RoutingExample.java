package io.edgerouter.router.train;

import java.util.Objects;

/**
 * One labelled prompt: the quality of the local (weaker) and the cloud (stronger) model's answer, each in [0, 1]
 * (a correctness boolean is 0 or 1; a 0-1 score as is; a 1-10 rating as (r − 1) / 9), and the group it belongs to
 * (its file) so splits never separate rows of one file. {@code manyModelGain} is, where the data has the scores of
 * more models on the prompt ({@link ManyModelGains}), the mean quality gain of a stronger over a weaker model across
 * every such pair, NaN otherwise: a less noisy training target than one pair's gain.
 */
public record RoutingExample(String prompt, double localQuality, double cloudQuality, String group, double manyModelGain) {

    /** A row without other models' scores. */
    public RoutingExample(String prompt, double localQuality, double cloudQuality, String group) {
        this(prompt, localQuality, cloudQuality, group, Double.NaN);
    }

    public RoutingExample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(group, "group");
        if (!(localQuality >= 0 && localQuality <= 1) || !(cloudQuality >= 0 && cloudQuality <= 1)) {
            throw new IllegalArgumentException("qualities must be in [0, 1], got " + localQuality + ", " + cloudQuality);
        }
    }

    /** A row with correctness booleans. */
    public RoutingExample(String prompt, boolean localCorrect, boolean cloudCorrect, String group) {
        this(prompt, localCorrect ? 1.0 : 0.0, cloudCorrect ? 1.0 : 0.0, group);
    }

    /** Calibration target: how far the local answer falls short of perfect, 1 − local quality. */
    public double localWrong() {
        return 1.0 - localQuality;
    }

    /** The same row with other models' mean pairwise gain. */
    public RoutingExample withManyModelGain(double gain) {
        return new RoutingExample(prompt, localQuality, cloudQuality, group, gain);
    }

    /** What sending this prompt to the cloud gains: cloud quality − local quality, in [−1, 1]. */
    public double gain() {
        return cloudQuality - localQuality;
    }
}
