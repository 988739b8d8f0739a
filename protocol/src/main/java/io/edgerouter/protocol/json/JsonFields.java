package io.edgerouter.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads typed fields of one JSON object while collecting violations with their JSON path, so a
 * rejected policy lists every problem at once instead of the first one only.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final List<FieldViolation> violations;

    private JsonFields(JsonNode node, String path, List<FieldViolation> violations) {
        this.node = node;
        this.path = path;
        this.violations = violations;
    }

    /** Opens {@code node} as an object with exactly the {@code allowed} field names; others are violations. */
    public static Optional<JsonFields> object(JsonNode node, String path, Set<String> allowed, List<FieldViolation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new FieldViolation(path, "must be a JSON object, got " + kind(node)));
            return Optional.empty();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                violations.add(new FieldViolation(join(path, name), "unknown field (allowed: " + String.join(", ", sorted(allowed)) + ")"));
            }
        }
        return Optional.of(new JsonFields(node, path, violations));
    }

    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    public JsonNode raw(String name) {
        return node.get(name);
    }

    public String pathOf(String name) {
        return join(path, name);
    }

    public void violation(String name, String rule) {
        violations.add(new FieldViolation(join(path, name), rule));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Optional<String> text(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            violation(name, "must be a string, got " + kind(v));
            return Optional.empty();
        }
        return Optional.of(v.textValue());
    }

    public OptionalLong integer(String name, long min, long max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            violation(name, "must be an integer, got " + kind(v));
            return OptionalLong.empty();
        }
        long value = v.longValue();
        if (value < min || value > max) {
            violation(name, "must be between " + min + " and " + max + ", got " + value);
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    public OptionalDouble number(String name, double min, double max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            violation(name, "must be a number, got " + kind(v));
            return OptionalDouble.empty();
        }
        double value = v.doubleValue();
        if (!(value >= min && value <= max)) {
            violation(name, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + v.asText());
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    public Optional<Boolean> bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            violation(name, "must be true or false, got " + kind(v));
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }

    public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
        return text(name).flatMap(t -> parseEnum(t, type, pathOf(name), violations));
    }

    public static <E extends Enum<E>> Optional<E> parseEnum(String text, Class<E> type, String path, List<FieldViolation> violations) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return Optional.of(e);
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        violations.add(new FieldViolation(path, "must be one of " + String.join(", ", allowed) + ", got '" + text + "'"));
        return Optional.empty();
    }

    public static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }
}
