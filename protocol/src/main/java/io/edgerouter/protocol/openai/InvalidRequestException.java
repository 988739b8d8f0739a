package io.edgerouter.protocol.openai;

import io.edgerouter.protocol.json.FieldViolation;

import java.util.List;
import java.util.stream.Collectors;

/** A request body that breaks the API's rules; the message names every offending field and its rule. */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String path, String rule) {
        this(List.of(new FieldViolation(path, rule)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** The first offending field, for the {@code param} of an OpenAI error body. */
    public String param() {
        String path = violations.get(0).path();
        return path.isEmpty() ? null : path;
    }
}
