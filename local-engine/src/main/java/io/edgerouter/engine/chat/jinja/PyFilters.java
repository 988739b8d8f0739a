package io.edgerouter.engine.chat.jinja;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The filters chat templates use whose Jinjava versions differ from Jinja's: {@code tojson} (Hugging Face's
 * {@code json.dumps(x, ensure_ascii=False, ...)}), {@code string}, {@code trim}, {@code length}/{@code count} (code
 * points), {@code items}, {@code capitalize}, {@code title} and {@code join} (Python's text of each item).
 */
final class PyFilters {

    private PyFilters() {
    }

    static List<PyFilter> all() {
        return List.of(
                named("tojson", PyFilters::tojson),
                named("string", (v, a, k) -> v == null ? "" : PyValues.str(v)),
                named("trim", (v, a, k) -> PyStrings.strip(text(v), chars(PyFilter.arg(a, k, 0, "chars", null)),
                        true, true)),
                named("length", (v, a, k) -> length(v)),
                named("count", (v, a, k) -> length(v)),
                named("items", (v, a, k) -> v == null ? List.of() : items(v)),
                named("capitalize", (v, a, k) -> PyStrings.capitalize(text(v))),
                named("title", (v, a, k) -> PyStrings.title(text(v))),
                named("join", PyFilters::join));
    }

    /** Hugging Face's {@code tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    private static Object tojson(Object value, Object[] args, Map<String, Object> kwargs) {
        Object indent = PyFilter.arg(args, kwargs, 1, "indent", null);
        Object separators = PyFilter.arg(args, kwargs, 2, "separators", null);
        boolean sortKeys = PyTypes.truthy(PyFilter.arg(args, kwargs, 3, "sort_keys", false));
        boolean ascii = PyTypes.truthy(PyFilter.arg(args, kwargs, 0, "ensure_ascii", false));
        String item = null;
        String key = null;
        if (separators instanceof List<?> pair && pair.size() == 2) {
            item = PyValues.str(pair.get(0));
            key = PyValues.str(pair.get(1));
        } else if (separators != null) {
            throw new PyTypeError("tojson separators must be an (item, key) pair, got " + PyValues.repr(separators));
        }
        String json = PyJson.of(indentText(indent), item, key, sortKeys).dumps(value);
        return ascii ? asciiOnly(json) : json;
    }

    private static String indentText(Object indent) {
        if (indent == null) {
            return null;
        }
        if (indent instanceof Number n) {
            return " ".repeat(Math.max(0, n.intValue()));
        }
        return PyValues.str(indent);
    }

    private static String asciiOnly(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            out.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    private static Object join(Object value, Object[] args, Map<String, Object> kwargs) {
        String separator = PyValues.str(PyFilter.arg(args, kwargs, 0, "d", ""));
        Object attribute = PyFilter.arg(args, kwargs, 1, "attribute", null);
        StringBuilder out = new StringBuilder();
        List<Object> items = value == null ? List.of() : PyMethods.items(value, "join");
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (attribute != null) {
                item = item instanceof Map<?, ?> m ? m.get(PyValues.str(attribute)) : null;
            }
            out.append(i == 0 ? "" : separator).append(item == null ? "" : PyValues.str(item));
        }
        return out.toString();
    }

    private static int length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof CharSequence s) {
            return PyStrings.length(s.toString());
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new PyTypeError("object of type '" + PyTypes.name(value) + "' has no len()");
    }

    private static List<Object> items(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new PyTypeError("Can only get item pairs from a mapping, not " + PyTypes.name(value));
        }
        return new ArrayList<>(map.entrySet());
    }

    private static String text(Object value) {
        return value == null ? "" : PyValues.str(value);
    }

    private static String chars(Object chars) {
        return chars == null ? null : PyValues.str(chars);
    }

    private interface Body {
        Object apply(Object value, Object[] args, Map<String, Object> kwargs);
    }

    private static PyFilter named(String name, Body body) {
        return new PyFilter() {
            @Override
            public Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
                return body.apply(value, args, kwargs);
            }

            @Override
            public String getName() {
                return name;
            }
        };
    }
}
