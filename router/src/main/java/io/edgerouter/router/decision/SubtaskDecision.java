package io.edgerouter.router.decision;

import io.edgerouter.protocol.policy.Route;
import java.util.List;
import java.util.Objects;

/**
 * The route of one subtask of a multi-part request.
 *
 * @param index     position in the composed answer (0-based)
 * @param dependsOn indexes of subtasks whose answers this one needs first
 * @param score     calibrated score, as {@link Decision#score()}
 * @param rawScore  the score before online calibration, for feedback on this subtask
 */
public record SubtaskDecision(int index, String text, List<Integer> dependsOn, Route route, double score,
                              double rawScore, List<String> reasons, List<RouteEstimate> estimates) {

    public SubtaskDecision {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(route, "route");
        dependsOn = List.copyOf(dependsOn);
        reasons = List.copyOf(reasons);
        estimates = List.copyOf(estimates);
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }
}
