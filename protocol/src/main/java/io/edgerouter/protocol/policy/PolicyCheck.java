package io.edgerouter.protocol.policy;

import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import java.util.List;

/**
 * A semantic check on a schema-valid policy that needs knowledge the protocol does not have, e.g.
 * that entity types are known to the privacy filter or that custom regexes compile.
 */
@FunctionalInterface
public interface PolicyCheck {

    PolicyCheck NONE = policy -> List.of();

    /** Returns the violations found; empty when the policy passes. */
    List<FieldViolation> check(Policy policy);
}
