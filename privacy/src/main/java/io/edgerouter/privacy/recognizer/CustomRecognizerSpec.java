package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidInputException;
import java.util.List;
import java.util.Set;

/**
 * A recognizer published in policy: a regex (compiled with RE2/J, so a hostile pattern runs in linear time),
 * optional context words that raise its score, and its base score.
 *
 * @param score base score in (0, 1]; context words add {@link ContextEnhancer#BOOST}
 */
public record CustomRecognizerSpec(String name, String entityType, String regex, List<String> contextWords,
                                   double score) {

    /** Longer patterns are rejected: they are almost certainly a mistake and inflate RE2's program size. */
    public static final int MAX_REGEX_LENGTH = 2_000;

    public CustomRecognizerSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("custom recognizer name must not be blank");
        }
        if (entityType == null || !entityType.matches("[A-Z][A-Z0-9_]{0,63}")) {
            throw new InvalidInputException("custom recognizer '" + name + "': entity type '" + entityType
                    + "' must be upper case letters, digits and '_' (e.g. EMPLOYEE_ID)");
        }
        if (regex == null || regex.isBlank() || regex.length() > MAX_REGEX_LENGTH) {
            throw new InvalidInputException("custom recognizer '" + name + "': regex must be 1.."
                    + MAX_REGEX_LENGTH + " characters");
        }
        if (!(score > 0.0 && score <= 1.0)) {
            throw new InvalidInputException("custom recognizer '" + name + "': score must be in (0, 1], got " + score);
        }
        contextWords = contextWords == null ? List.of() : List.copyOf(contextWords);
    }

    /** Compiles the pattern; throws {@link io.edgerouter.privacy.InvalidPatternException} when RE2/J rejects it. */
    public Recognizer compile() {
        CompiledPattern compiled;
        try {
            compiled = CompiledPattern.re2(regex);
        } catch (io.edgerouter.privacy.InvalidPatternException e) {
            throw new io.edgerouter.privacy.InvalidPatternException(
                    "custom recognizer '" + name + "': " + e.getMessage(), e);
        }
        return new PatternRecognizer(name, entityType,
                List.of(new PatternRecognizer.Pattern(name, compiled, score)), Set.copyOf(contextWords));
    }
}
