package io.edgerouter.router.decompose;

import java.util.List;
import java.util.Objects;

/**
 * One part of a multi-part request.
 *
 * @param index     position in the composed answer (0-based)
 * @param text      the part, with any shared preamble prepended so it can be answered alone
 * @param dependsOn indexes of earlier subtasks whose answers this one needs
 */
public record Subtask(int index, String text, List<Integer> dependsOn) {

    public Subtask {
        Objects.requireNonNull(text, "text");
        dependsOn = List.copyOf(dependsOn);
        for (int d : dependsOn) {
            if (d < 0 || d >= index) {
                throw new IllegalArgumentException("subtask " + index + " may depend only on earlier subtasks, got " + d);
            }
        }
    }
}
