package io.edgerouter.protocol.policy;

import java.util.Objects;

/**
 * One reason a policy was rejected: the JSON path of the offending field and the rule it breaks,
 * e.g. {@code routing.target.offload_share: must be between 0 and 1, got 1.5}.
 */
public record PolicyViolation(String path, String rule) {

    public PolicyViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(policy)" : path) + ": " + rule;
    }
}
