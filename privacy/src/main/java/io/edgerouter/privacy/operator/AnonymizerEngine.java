package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.recognizer.RecognizerResult;
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
        List<RecognizerResult> spans = ConflictResolver.resolve(checkedSpans(text, results), policy);
        return apply(text, spans, operators, OperatorConfig.of("replace"), anonymizers, vault);
    }

    /** Reverses earlier operators on the given spans of an anonymized text (decrypt, restore). */
    public EngineResult deanonymize(String text, List<RecognizerResult> spans, Map<String, OperatorConfig> deanonymizers,
                                    Vault vault) {
        List<RecognizerResult> resolved = ConflictResolver.resolve(checkedSpans(text, spans),
                ConflictResolution.HIGHEST_SCORE_WINS);
        return apply(text, resolved, deanonymizers, null, this.deanonymizers, vault);
    }

    private static List<RecognizerResult> checkedSpans(String text, List<RecognizerResult> results) {
        if (text == null) {
            throw new InvalidInputException("text must not be null");
        }
        if (results == null) {
            throw new InvalidInputException("analyzer results must not be null (use an empty list)");
        }
        for (RecognizerResult r : results) {
            if (r.end() > text.length()) {
                throw new InvalidInputException("result " + r.entityType() + " [" + r.start() + ", " + r.end()
                        + ") lies outside the text of length " + text.length());
            }
        }
        return results;
    }

    private static EngineResult apply(String text, List<RecognizerResult> spans, Map<String, OperatorConfig> configs,
                                      OperatorConfig fallback, OperatorRegistry registry, Vault vault) {
        Map<String, OperatorConfig> byEntity = configs == null ? Map.of() : configs;
        Map<String, Operator> resolved = new HashMap<>();
        byEntity.forEach((entity, config) -> resolved.put(entity, registry.resolve(config)));
        StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
        List<OperatorResult> items = new ArrayList<>(spans.size());
        int cursor = 0;
        for (RecognizerResult span : spans) {
            OperatorConfig config = byEntity.getOrDefault(span.entityType(), byEntity.getOrDefault(DEFAULT, fallback));
            if (config == null) {
                throw new InvalidInputException("no deanonymizer configured for entity '" + span.entityType()
                        + "' and no DEFAULT");
            }
            Operator op = resolved.computeIfAbsent(byEntity.containsKey(span.entityType()) ? span.entityType()
                    : DEFAULT, k -> registry.resolve(config));
            String replacement = op.operate(text.substring(span.start(), span.end()),
                    new OperatorContext(span.entityType(), config, vault));
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
