package io.edgerouter.router.train;

import java.util.Objects;

/**
 * One labelled prompt: the quality of the local (weaker) and the cloud (stronger) model's answer, each in [0, 1]
 * (a correctness boolean is 0 or 1; a 0-1 score as is; a 1-10 rating as (r − 1) / 9), and the group it belongs to
 * (its file) so splits never separate rows of one file.
 */
public record RoutingExample(String prompt, double localQuality, double cloudQuality, String group) {

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

    /** What sending this prompt to the cloud gains: cloud quality − local quality, in [−1, 1]. */
    public double gain() {
        return cloudQuality - localQuality;
    }
}
