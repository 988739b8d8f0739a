package io.edgerouter.protocol.json;

import java.util.Objects;

/**
 * One reason a JSON document was rejected: the path of the offending field and the rule it breaks,
 * e.g. {@code routing.target.offload_share: must be between 0 and 1, got 1.5}.
 */
public record FieldViolation(String path, String rule) {

    public FieldViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(document)" : path) + ": " + rule;
    }
}
