package io.edgerouter.protocol.policy;

import com.fasterxml.jackson.databind.JsonNode;

import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code privacy.custom_recognizers}: name, entity type, regex, optional context words and score. */
final class CustomRecognizerReader {

    private static final int MAX_REGEX_LENGTH = 1000;
    private final List<FieldViolation> violations;

    CustomRecognizerReader(List<FieldViolation> violations) {
        this.violations = violations;
    }

    List<Policy.CustomRecognizer> readAll(JsonNode node, String path, int max) {
        List<Policy.CustomRecognizer> list = new ArrayList<>();
        if (!node.isArray()) {
            violations.add(new FieldViolation(path, "must be an array, got " + JsonFields.kind(node)));
            return list;
        }
        if (node.size() > max) {
            violations.add(new FieldViolation(path, "at most " + max + " custom recognizers, got " + node.size()));
            return list;
        }
        for (int i = 0; i < node.size(); i++) {
            read(node.get(i), path + "[" + i + "]").ifPresent(list::add);
        }
        return list;
    }

    private Optional<Policy.CustomRecognizer> read(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("name", "entity_type", "regex", "context", "score"), violations);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        JsonFields f = open.get();
        int before = violations.size();
        Optional<String> name = required(f, "name");
        Optional<String> entity = required(f, "entity_type");
        entity.filter(e -> !PolicyReader.ENTITY.matcher(e).matches())
                .ifPresent(e -> f.violation("entity_type", "must match " + PolicyReader.ENTITY.pattern() + ", got '" + e + "'"));
        Optional<String> regex = required(f, "regex");
        regex.filter(r -> r.length() > MAX_REGEX_LENGTH)
                .ifPresent(r -> f.violation("regex", "at most " + MAX_REGEX_LENGTH + " characters, got " + r.length()));
        double score = f.number("score", 0.01, 1).orElse(0.6);
        List<String> context = new ArrayList<>();
        if (f.has("context")) {
            JsonNode words = f.raw("context");
            if (!words.isArray()) {
                f.violation("context", "must be an array of words");
            } else {
                words.forEach(w -> {
                    if (w.isTextual() && !w.textValue().isBlank()) {
                        context.add(w.textValue());
                    } else {
                        f.violation("context", "every context word must be a non-blank string");
                    }
                });
            }
        }
        if (violations.size() > before || name.isEmpty() || entity.isEmpty() || regex.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Policy.CustomRecognizer(name.get(), entity.get(), regex.get(), context, score));
    }

    private static Optional<String> required(JsonFields f, String field) {
        Optional<String> value = f.text(field);
        if (!f.has(field) || value.map(String::isBlank).orElse(false)) {
            f.violation(field, "is required and must not be blank");
            return Optional.empty();
        }
        return value;
    }
}
