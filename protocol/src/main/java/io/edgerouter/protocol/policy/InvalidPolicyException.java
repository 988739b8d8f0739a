package io.edgerouter.protocol.policy;

import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import java.util.List;
import java.util.stream.Collectors;

/** A policy document that breaks the schema; the message lists every violation, one per field. */
public final class InvalidPolicyException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidPolicyException(List<FieldViolation> violations) {
        super("invalid policy: " + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
