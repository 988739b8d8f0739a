package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Placeholders;
import io.edgerouter.privacy.vault.Vault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies operators to spans. The operator for a span is the one configured for its entity type, else the
 * one under {@code "DEFAULT"}, else {@code replace}. Overlaps are settled first by the {@link ConflictResolution}.
 */
public final class AnonymizerEngine {

    public static final String DEFAULT = "DEFAULT";

    private final OperatorRegistry anonymizers;
    private final OperatorRegistry deanonymizers;

    public AnonymizerEngine(OperatorRegistry anonymizers, OperatorRegistry deanonymizers) {
        this.anonymizers = anonymizers;
        this.deanonymizers = deanonymizers;
    }

    public AnonymizerEngine() {
        this(OperatorRegistry.anonymizers(), OperatorRegistry.deanonymizers());
    }

    /**
     * @param operators per entity type (or {@code DEFAULT}); may be empty
     * @param vault     the conversation's vault for reversible placeholders, or null
     */
    public EngineResult anonymize(String text, List<RecognizerResult> results, Map<String, OperatorConfig> operators,
                                  Vault vault, ConflictResolution policy) {
        List<RecognizerResult> spans = ConflictResolver.resolve(checkedSpans(text, results, "analyzer_results"), policy);
        if (vault != null) {
            reservePlaceholdersIn(text, vault);
        }
        return apply(text, spans, operators, OperatorConfig.of("replace"), anonymizers, vault, "anonymizers");
    }

    /** Reverses earlier operators on the given spans of an anonymized text (decrypt, restore). */
    public EngineResult deanonymize(String text, List<RecognizerResult> spans, Map<String, OperatorConfig> deanonymizers,
                                    Vault vault) {
        List<RecognizerResult> resolved = ConflictResolver.resolve(checkedSpans(text, spans, "anonymizer_results"),
                ConflictResolution.HIGHEST_SCORE_WINS);
        return apply(text, resolved, deanonymizers, null, this.deanonymizers, vault, "deanonymizers");
    }

    /** Placeholder look-alikes already in the text must restore to themselves, not to a value. */
    private static void reservePlaceholdersIn(String text, Vault vault) {
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            int len = Placeholders.lengthAt(text, i);
            if (len > 0) {
                vault.reserveLiteral(text.substring(i, i + len));
            }
        }
    }

    private static List<RecognizerResult> checkedSpans(String text, List<RecognizerResult> results, String field) {
        if (text == null) {
            throw new InvalidInputException("text", "is required");
        }
        if (results == null) {
            throw new InvalidInputException(field, "is required (use [] for none)");
        }
        for (int i = 0; i < results.size(); i++) {
            RecognizerResult r = results.get(i);
            if (r == null) {
                throw new InvalidInputException(field + "[" + i + "]", "must not be null");
            }
            if (r.end() > text.length()) {
                throw new InvalidInputException(field + "[" + i + "].end", r.entityType() + " [" + r.start() + ", "
                        + r.end() + ") lies outside the text of length " + text.length());
            }
        }
        return results;
    }

    /** Every operator config is resolved and validated before any text is touched. */
    private static EngineResult apply(String text, List<RecognizerResult> spans, Map<String, OperatorConfig> configs,
                                      OperatorConfig fallback, OperatorRegistry registry, Vault vault, String field) {
        Map<String, OperatorConfig> byEntity = configs == null ? Map.of() : configs;
        Map<String, Operator> resolved = new HashMap<>();
        byEntity.forEach((entity, config) -> {
            if (config == null) {
                throw new InvalidInputException(field + "." + entity, "must be an object with a 'type'");
            }
            try {
                resolved.put(entity, registry.resolve(config));
            } catch (InvalidInputException e) {
                throw e.under(field + "." + entity);
            }
        });
        StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
        List<OperatorResult> items = new ArrayList<>(spans.size());
        int cursor = 0;
        for (RecognizerResult span : spans) {
            String key = byEntity.containsKey(span.entityType()) ? span.entityType() : DEFAULT;
            OperatorConfig config = byEntity.getOrDefault(key, fallback);
            if (config == null) {
                throw new InvalidInputException(field, "no operator for entity '" + span.entityType()
                        + "' and no DEFAULT; give one of them");
            }
            Operator op = resolved.computeIfAbsent(key, k -> registry.resolve(config));
            String replacement;
            try {
                replacement = op.operate(text.substring(span.start(), span.end()),
                        new OperatorContext(span.entityType(), config, vault));
            } catch (InvalidInputException e) {
                throw e.under(field + "." + key);
            }
            out.append(text, cursor, span.start());
            int start = out.length();
            out.append(replacement);
            items.add(new OperatorResult(start, out.length(), span.entityType(), replacement, op.name()));
            cursor = span.end();
        }
        out.append(text, cursor, text.length());
        return new EngineResult(out.toString(), items);
    }
}
