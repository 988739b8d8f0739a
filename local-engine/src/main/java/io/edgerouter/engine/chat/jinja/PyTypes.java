package io.edgerouter.engine.chat.jinja;

import java.util.Collection;
import java.util.Map;

/** Python's view of the values a template handles: type names for error messages, and truthiness. */
final class PyTypes {

    private PyTypes() {
    }

    /** The Python type name of a value ({@code str}, {@code NoneType}, {@code dict}, ...). */
    static String name(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof CharSequence) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Collection) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }

    /**
     * Python's {@code bool(value)}: None, False, 0, "" and empty containers are false, everything else true (Jinjava
     * also counts the string "false" as false, which a message reading "false" must not be).
     */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(value) > 0;
        }
        return true;
    }
}
