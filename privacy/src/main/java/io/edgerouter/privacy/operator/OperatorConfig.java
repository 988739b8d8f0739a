package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.InvalidInputException;
import java.util.HashMap;
import java.util.Map;

/**
 * An operator name plus its parameters, named as in Presidio's REST API: {@code new_value}, {@code masking_char},
 * {@code chars_to_mask}, {@code from_end}, {@code hash_type}, {@code salt}, {@code key}. Null parameters are dropped.
 */
public record OperatorConfig(String type, Map<String, Object> params) {

    public OperatorConfig {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("type", "is required; allowed: replace, mask, redact, hash, encrypt, keep"
                    + " (anonymizers) or decrypt, restore (deanonymizers)");
        }
        Map<String, Object> copy = new HashMap<>();
        if (params != null) {
            params.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        params = Map.copyOf(copy);
    }

    public static OperatorConfig of(String type) {
        return new OperatorConfig(type, Map.of());
    }

    public static OperatorConfig of(String type, String key, Object value) {
        return new OperatorConfig(type, Map.of(key, value));
    }

    public String string(String name, String fallback) {
        Object v = params.get(name);
        return v == null ? fallback : v.toString();
    }

    public int integer(String name, int fallback) {
        Object v = params.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "operator '" + type + "' needs an integer, got '" + v + "'", e);
        }
    }

    public boolean bool(String name, boolean fallback) {
        Object v = params.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidInputException(name, "operator '" + type + "' needs true or false, got '" + v + "'");
    }
}
