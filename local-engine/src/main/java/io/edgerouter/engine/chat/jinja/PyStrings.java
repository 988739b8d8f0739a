package io.edgerouter.engine.chat.jinja;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python's {@code str} methods as chat templates call them ({@code content.strip()}, {@code .split('</think>')},
 * {@code .startswith(...)}), counted in code points as Python counts characters, so an emoji is one character and
 * {@code content[-1]} never splits a surrogate pair. Whitespace is Python's {@code str.isspace()}.
 */
final class PyStrings {

    private PyStrings() {
    }

    /** Python's {@code str.isspace()} for a code point (Java's isWhitespace misses U+00A0, U+2007, U+202F, U+0085). */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** {@code s.strip(chars)}, {@code lstrip}, {@code rstrip}: chars null means whitespace. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && stripped(s.codePointAt(start), chars)) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (right && end > start && stripped(s.codePointBefore(end), chars)) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean stripped(int cp, String chars) {
        return chars == null ? isSpace(cp) : chars.codePoints().anyMatch(c -> c == cp);
    }

    /** {@code s.split(sep, maxsplit)}: sep null splits on whitespace runs, dropping empty parts; maxsplit < 0 = all. */
    static List<String> split(String s, String sep, int maxsplit) {
        if (sep == null) {
            return splitWhitespace(s, maxsplit);
        }
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((maxsplit < 0 || parts.size() < maxsplit) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> splitWhitespace(String s, int maxsplit) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i >= n) {
                return parts;
            }
            if (maxsplit >= 0 && parts.size() == maxsplit) {
                parts.add(strip(s.substring(i), null, false, true));
                return parts;
            }
            int start = i;
            while (i < n && !isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            parts.add(s.substring(start, i));
        }
    }

    /** {@code s.splitlines()} (without keepends) on Python's line boundaries. */
    static List<String> splitlines(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E
                    || c == 0x85 || c == 0x2028 || c == 0x2029) {
                lines.add(s.substring(start, i));
                i += crlf ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    /** {@code s.title()}: a cased character after an uncased one is title-cased, other cased ones lower-cased. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int cp : s.codePoints().toArray()) {
            boolean cased = isCased(cp);
            if (cased) {
                String piece = new String(Character.toChars(cp));
                out.append(previousCased ? piece.toLowerCase(Locale.ROOT) : titleCase(cp));
            } else {
                out.appendCodePoint(cp);
            }
            previousCased = cased;
        }
        return out.toString();
    }

    /** {@code s.capitalize()}: the first character title-cased, the rest lower-cased. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        return titleCase(first) + s.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    }

    private static String titleCase(int cp) {
        int title = Character.toTitleCase(cp);
        return title != cp || !Character.isLowerCase(cp) ? new String(Character.toChars(title))
                : new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
    }

    private static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    /** Python's {@code len(s)}: code points. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code s.find(sub)} as a code-point index, or -1. */
    static int find(String s, String sub, boolean last) {
        int at = last ? s.lastIndexOf(sub) : s.indexOf(sub);
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    /** {@code s.count(sub)}: non-overlapping occurrences. */
    static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return length(s) + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    /** {@code s.replace(old, new, count)}; count < 0 replaces every occurrence. */
    static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        for (int done = 0; done < count && (at = s.indexOf(old, from)) >= 0; done++) {
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            if (old.isEmpty()) { // Python inserts between characters
                if (from >= s.length()) {
                    return out.append(s.substring(from)).toString();
                }
                out.appendCodePoint(s.codePointAt(from));
                from += Character.charCount(s.codePointAt(from));
            }
        }
        return out.append(s.substring(from)).toString();
    }

    /** {@code s[index]} with Python's negative indices. */
    static String charAt(String s, long index) {
        int[] cps = s.codePoints().toArray();
        long i = index < 0 ? index + cps.length : index;
        if (i < 0 || i >= cps.length) {
            throw new IndexOutOfBoundsException("string index " + index + " out of range for a string of "
                    + cps.length + " characters");
        }
        return new String(cps, (int) i, 1);
    }

    /** {@code s[start:stop:step]} over code points. */
    static String slice(String s, Long start, Long stop, Long step) {
        int[] cps = s.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i : Slices.indices(cps.length, start, stop, step)) {
            out.appendCodePoint(cps[i]);
        }
        return out.toString();
    }
}
