package io.edgerouter.engine.chat.jinja;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * How Python turns template values into text: {@code str(x)} for {@code {{ x }}} and {@code ~}, {@code repr(x)} inside
 * containers (so {@code {{ tool | string }}} prints {@code {'name': 'f'}} as a chat template written for Python
 * expects), True/False/None spelled as Python spells them, floats in Python's shortest form ({@code 1e-05},
 * {@code 0.5}).
 */
final class PyValues {

    private PyValues() {
    }

    /** Python's {@code str(value)}; null (None) is "None". */
    static String str(Object value) {
        if (value instanceof CharSequence) {
            return value.toString();
        }
        return repr(value);
    }

    /** Python's {@code repr(value)}. */
    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, value);
        return out.toString();
    }

    private static void appendRepr(StringBuilder out, Object value) {
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof CharSequence s) {
            appendStringRepr(out, s.toString());
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                appendRepr(out, e.getKey());
                out.append(": ");
                appendRepr(out, e.getValue());
                out.append(it.hasNext() ? ", " : "");
            }
            out.append('}');
        } else if (value instanceof Map.Entry<?, ?> e) { // an item of dict.items(): a tuple
            out.append('(');
            appendRepr(out, e.getKey());
            out.append(", ");
            appendRepr(out, e.getValue());
            out.append(')');
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                appendRepr(out, it.next());
                out.append(it.hasNext() ? ", " : "");
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    /** A Python str literal: single quotes unless the text has ' and no ", non-printable characters escaped. */
    private static void appendStringRepr(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp < 0x100) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        out.append(quote);
    }

    /** Python's {@code str.isprintable()} for a character: not a control, format, separator (but space), unassigned. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** An int as digits, a float as Python's repr ({@code 1.0}, {@code 1e-05}, {@code 1.5e+16}, {@code inf}). */
    static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return floatRepr(n.doubleValue());
        }
        if (n instanceof BigDecimal d) {
            return floatRepr(d.doubleValue());
        }
        return n instanceof BigInteger ? n.toString() : Long.toString(n.longValue());
    }

    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        if (exponent < 0) {
            return sign + "0." + "0".repeat(-exponent - 1) + digits;
        }
        if (digits.length() <= exponent + 1) {
            return sign + digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        }
        return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }
}
