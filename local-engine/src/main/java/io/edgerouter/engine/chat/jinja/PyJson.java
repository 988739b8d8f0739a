package io.edgerouter.engine.chat.jinja;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False, indent=..., separators=..., sort_keys=...)}, which Hugging Face's
 * {@code tojson} filter is: keys in insertion order unless sorted, {@code ", "} and {@code ": "} between items (only
 * {@code ","} at line ends when indented), non-ASCII text as it is, floats in Python's form.
 *
 * @param indent        null for one line, else the text repeated once per nesting level
 * @param itemSeparator between items
 * @param keySeparator  between a key and its value
 * @param sortKeys      whether object keys are sorted
 */
record PyJson(String indent, String itemSeparator, String keySeparator, boolean sortKeys) {

    /** {@code json.dumps}'s defaults for the given indent (null = none) and separators (null = the defaults). */
    static PyJson of(String indent, String itemSeparator, String keySeparator, boolean sortKeys) {
        return new PyJson(indent, itemSeparator != null ? itemSeparator : indent == null ? ", " : ",",
                keySeparator != null ? keySeparator : ": ", sortKeys);
    }

    String dumps(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.toString();
    }

    private void append(StringBuilder out, Object value, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Number n) {
            appendNumber(out, n);
        } else if (value instanceof CharSequence s) {
            appendString(out, s.toString());
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map, level);
        } else if (value instanceof Map.Entry<?, ?> e) { // a (key, value) tuple
            appendArray(out, List.of(e.getKey(), e.getValue()), level);
        } else if (value instanceof Collection<?> c) {
            appendArray(out, c, level);
        } else {
            throw new IllegalArgumentException("Object of type " + value.getClass().getSimpleName()
                    + " is not JSON serializable");
        }
    }

    private static void appendNumber(StringBuilder out, Number n) {
        String s = PyValues.number(n);
        out.append(switch (s) {
            case "inf" -> "Infinity";
            case "-inf" -> "-Infinity";
            case "nan" -> "NaN";
            default -> s;
        });
    }

    private void appendObject(StringBuilder out, Map<?, ?> map, int level) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        if (sortKeys) {
            entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
        }
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "" : itemSeparator);
            newline(out, level + 1);
            Object key = entries.get(i).getKey();
            appendString(out, key instanceof CharSequence ? key.toString() : PyValues.str(key));
            out.append(keySeparator);
            append(out, entries.get(i).getValue(), level + 1);
        }
        newline(out, level);
        out.append('}');
    }

    private void appendArray(StringBuilder out, Collection<?> items, int level) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        int i = 0;
        for (Object item : items) {
            out.append(i++ == 0 ? "" : itemSeparator);
            newline(out, level + 1);
            append(out, item, level + 1);
        }
        newline(out, level);
        out.append(']');
    }

    private void newline(StringBuilder out, int level) {
        if (indent != null) {
            out.append('\n').append(indent.repeat(level));
        }
    }

    /** A JSON string as Python writes it with ensure_ascii=False: only quote, backslash and controls escaped. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
