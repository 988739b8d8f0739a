package io.edgerouter.privacy;

/**
 * The caller's mistake: missing or oversized text, an unknown entity or operator name, a bad parameter, an invalid
 * regex. Never retriable. {@link #field()} is the path of the offending field in the request JSON, named as in
 * Presidio's REST API ({@code text}, {@code entities[2]}, {@code analyzer_results[0].end},
 * {@code anonymizers.PERSON.chars_to_mask}, {@code ad_hoc_recognizers[1].patterns[0].regex}); {@link #rule()} says
 * what is wrong and what is allowed. The message is {@code "field: rule"}, ready for a 4xx error body.
 */
public class InvalidInputException extends PrivacyException {

    private final String field;
    private final String rule;

    /** @param field JSON path of the offending field, or "" when the request as a whole is wrong */
    public InvalidInputException(String field, String rule) {
        this(field, rule, null);
    }

    public InvalidInputException(String field, String rule, Throwable cause) {
        super(format(field, rule), false, cause);
        this.field = field == null ? "" : field;
        this.rule = rule;
    }

    /** Path of the offending field ("" for the whole request). */
    public String field() {
        return field;
    }

    /** What is wrong with the field and what would be accepted. */
    public String rule() {
        return rule;
    }

    /**
     * The same error seen from an enclosing object: {@code under("analyzer_results[3]")} turns field {@code end}
     * into {@code analyzer_results[3].end}. Keeps the exception type.
     */
    public InvalidInputException under(String parent) {
        String path = field.isEmpty() ? parent : field.startsWith("[") ? parent + field : parent + "." + field;
        return withField(path);
    }

    /** Subclasses return their own type so that {@link #under} keeps it. */
    protected InvalidInputException withField(String newField) {
        return new InvalidInputException(newField, rule, this);
    }

    private static String format(String field, String rule) {
        return field == null || field.isEmpty() ? rule : field + ": " + rule;
    }
}
