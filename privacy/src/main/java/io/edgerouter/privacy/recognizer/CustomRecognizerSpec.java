package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.InvalidPatternException;
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
            throw new InvalidInputException("name", "custom recognizer name must not be blank");
        }
        if (entityType == null || !entityType.matches("[A-Z][A-Z0-9_]{0,63}")) {
            throw new InvalidInputException("entity_type", "custom recognizer '" + name + "': entity type '"
                    + entityType + "' must be upper case letters, digits and '_' (e.g. EMPLOYEE_ID)");
        }
        if (regex == null || regex.isBlank() || regex.length() > MAX_REGEX_LENGTH) {
            throw new InvalidPatternException("regex", "custom recognizer '" + name + "': regex must be 1.."
                    + MAX_REGEX_LENGTH + " characters, got " + (regex == null ? "none" : regex.length()), null);
        }
        if (!(score > 0.0 && score <= 1.0)) {
            throw new InvalidInputException("score", "custom recognizer '" + name + "': must be in (0, 1], got "
                    + score);
        }
        if (contextWords != null) {
            for (int i = 0; i < contextWords.size(); i++) {
                if (contextWords.get(i) == null || contextWords.get(i).isBlank()) {
                    throw new InvalidInputException("context[" + i + "]", "custom recognizer '" + name
                            + "': context words must be non-blank strings");
                }
            }
        }
        contextWords = contextWords == null ? List.of() : List.copyOf(contextWords);
    }

    /** Compiles the pattern; throws {@link InvalidPatternException} (field {@code regex}) when RE2/J rejects it. */
    public Recognizer compile() {
        return compile(0);
    }

    /** @param re2Flags RE2/J flags, e.g. case-insensitive for Presidio's ad-hoc recognizers */
    public Recognizer compile(int re2Flags) {
        CompiledPattern compiled;
        try {
            compiled = CompiledPattern.re2(regex, re2Flags);
        } catch (InvalidPatternException e) {
            throw new InvalidPatternException("regex", "custom recognizer '" + name + "': " + e.rule(), e);
        }
        return new PatternRecognizer(name, entityType,
                List.of(new PatternRecognizer.Pattern(name, compiled, score)), Set.copyOf(contextWords));
    }
}
