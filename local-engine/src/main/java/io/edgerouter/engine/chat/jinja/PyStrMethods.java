package io.edgerouter.engine.chat.jinja;

import java.util.List;
import java.util.Locale;

/** Calls a Python {@code str} method by name; see {@link PyStrings} for the rules of each. */
final class PyStrMethods {

    private PyStrMethods() {
    }

    static Object call(String s, String method, Object[] args) {
        return switch (method) {
            case "strip", "lstrip", "rstrip" -> {
                PyMethods.arity("str." + method, args, 0, 1);
                String chars = args.length == 0 || args[0] == null ? null : text(method, args[0]);
                yield PyStrings.strip(s, chars, !method.equals("rstrip"), !method.equals("lstrip"));
            }
            case "split", "rsplit" -> split(s, method, args);
            case "splitlines" -> PyStrings.splitlines(s);
            case "startswith", "endswith" -> {
                PyMethods.arity("str." + method, args, 1, 1);
                yield affix(s, method.equals("startswith"), args[0]);
            }
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> PyStrings.title(s);
            case "capitalize" -> PyStrings.capitalize(s);
            case "replace" -> {
                PyMethods.arity("str.replace", args, 2, 3);
                yield PyStrings.replace(s, text(method, args[0]), text(method, args[1]),
                        args.length > 2 ? integer(method, args[2]) : -1);
            }
            case "find", "rfind" -> {
                PyMethods.arity("str." + method, args, 1, 1);
                yield PyStrings.find(s, text(method, args[0]), method.equals("rfind"));
            }
            case "count" -> {
                PyMethods.arity("str.count", args, 1, 1);
                yield PyStrings.count(s, text(method, args[0]));
            }
            case "join" -> {
                PyMethods.arity("str.join", args, 1, 1);
                StringBuilder out = new StringBuilder();
                List<Object> items = PyMethods.items(args[0], "str.join");
                for (int i = 0; i < items.size(); i++) {
                    out.append(i == 0 ? "" : s).append(text("join", items.get(i)));
                }
                yield out.toString();
            }
            case "isspace" -> !s.isEmpty() && s.codePoints().allMatch(PyStrings::isSpace);
            case "isdigit" -> !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
            case "isupper" -> s.codePoints().anyMatch(Character::isUpperCase)
                    && s.codePoints().noneMatch(Character::isLowerCase);
            case "islower" -> s.codePoints().anyMatch(Character::isLowerCase)
                    && s.codePoints().noneMatch(Character::isUpperCase);
            default -> throw new PyTypeError("'str' object has no attribute '" + method + "'");
        };
    }

    private static Object split(String s, String method, Object[] args) {
        PyMethods.arity("str." + method, args, 0, 2);
        String sep = args.length == 0 || args[0] == null ? null : text(method, args[0]);
        int max = args.length > 1 ? integer(method, args[1]) : -1;
        if (sep != null && sep.isEmpty()) {
            throw new PyTypeError("empty separator");
        }
        if (method.equals("split") || max < 0) {
            return PyStrings.split(s, sep, max);
        }
        // rsplit with a limit: split the reversed text, as Python counts from the right
        List<String> parts = PyStrings.split(reverse(s), sep == null ? null : reverse(sep), max);
        java.util.Collections.reverse(parts);
        return parts.stream().map(PyStrMethods::reverse).toList();
    }

    private static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    private static boolean affix(String s, boolean start, Object arg) {
        if (arg instanceof List<?> options) { // a tuple of prefixes
            return options.stream().anyMatch(o -> affix(s, start, o));
        }
        String a = text(start ? "startswith" : "endswith", arg);
        return start ? s.startsWith(a) : s.endsWith(a);
    }

    private static String text(String method, Object arg) {
        if (arg instanceof CharSequence c) {
            return c.toString();
        }
        throw new PyTypeError("str." + method + "() expects str, not " + PyTypes.name(arg));
    }

    private static int integer(String method, Object arg) {
        if (arg instanceof Number n && !(arg instanceof Double) && !(arg instanceof Float)) {
            return n.intValue();
        }
        throw new PyTypeError("str." + method + "() expects an integer, not " + PyTypes.name(arg));
    }
}
