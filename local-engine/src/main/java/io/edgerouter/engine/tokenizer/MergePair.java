package io.edgerouter.engine.tokenizer;

import java.util.Objects;

/**
 * One BPE merge rule: two adjacent symbols that become one, {@code left + right}. A list of them is in rank order,
 * the first merging first.
 */
record MergePair(String left, String right) {

    MergePair {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (left.isEmpty() || right.isEmpty()) {
            throw new IllegalArgumentException("a merge joins two non-empty symbols, got \"" + left + "\" + \""
                    + right + "\"");
        }
    }
}
