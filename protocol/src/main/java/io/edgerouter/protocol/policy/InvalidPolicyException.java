package io.edgerouter.protocol.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document that breaks the schema; the message lists every violation, one per field. */
public final class InvalidPolicyException extends RuntimeException {

    private final List<PolicyViolation> violations;

    public InvalidPolicyException(List<PolicyViolation> violations) {
        super("invalid policy: " + violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
