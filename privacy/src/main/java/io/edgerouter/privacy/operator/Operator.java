package io.edgerouter.privacy.operator;

/**
 * Turns the text of one detected entity into its replacement (anonymizers) or back (deanonymizers).
 * Implementations are stateless and thread-safe; per-call settings come in the {@link OperatorContext}.
 */
public interface Operator {

    /** Name used in requests ("replace", "mask", ...), as in Presidio's {@code type} field. */
    String name();

    /** Rejects missing or malformed parameters before any text is touched. */
    default void validate(OperatorConfig config) {
    }

    String operate(String value, OperatorContext context);
}
