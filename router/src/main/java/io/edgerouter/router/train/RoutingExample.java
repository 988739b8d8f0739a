package io.edgerouter.router.train;

import java.util.Objects;

/**
 * One labelled prompt: whether the local (weaker) and the cloud (stronger) model answered it correctly, and the
 * group it belongs to (its subject file) so splits never separate rows of one subject.
 */
public record RoutingExample(String prompt, boolean localCorrect, boolean cloudCorrect, String group) {

    public RoutingExample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(group, "group");
    }

    /** Training label: 1 when the local answer is not good enough. */
    public double localWrong() {
        return localCorrect ? 0.0 : 1.0;
    }
}
