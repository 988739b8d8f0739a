package io.edgerouter.privacy.recognizer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Estimates how many NFA states a regex compiles to, before RE2/J sees it. RE2/J runs in time proportional to
 * text length × states, and builds the whole program eagerly: {@code ((a{100}){100}){100}} expands to a million
 * states and takes seconds to compile, one more level of nesting exhausts the heap. Policy and request patterns are
 * therefore refused above {@link #MAX_STATES}; ordinary identifier patterns ({@code EMP-[0-9]{6}}) need a few dozen.
 *
 * <p>The estimate is deliberately simple and errs on the large side: every literal, class or escape counts 1,
 * {@code * + ?} double their operand, a counted repeat {@code {n,m}} multiplies it by {@code max(n, m)} (by
 * {@code n + 1} when open-ended), alternatives add up.
 */
public final class RegexSize {

    /** Above this many estimated states a pattern is rejected (a 256 KB text then costs well under a second). */
    public static final int MAX_STATES = 400;

    private RegexSize() {
    }

    /** Estimated NFA states, saturating at {@code Long.MAX_VALUE / 4}. Syntax errors are left to RE2/J. */
    public static long estimate(String regex) {
        Deque<long[]> frames = new ArrayDeque<>(); // per open group: {size so far, size of the last atom}
        frames.push(new long[2]);
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            long[] top = frames.peek();
            if (c == '(') {
                frames.push(new long[2]);
                i = skipGroupPrefix(regex, i + 1);
                continue;
            }
            if (c == ')' && frames.size() > 1) {
                long[] group = frames.pop();
                long[] parent = frames.peek();
                parent[1] = Math.max(1, group[0]);
                parent[0] = sat(parent[0] + parent[1]);
                i++;
                continue;
            }
            if (c == '*' || c == '+' || c == '?') {
                top[0] = sat(top[0] + top[1]); // the operand appears about twice in the program
                i++;
                if (i < n && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
                    i++; // lazy or possessive marker
                }
                continue;
            }
            if (c == '{') {
                int close = regex.indexOf('}', i);
                long times = close < 0 ? -1 : repeatCount(regex.substring(i + 1, close));
                if (times >= 0) {
                    top[0] = sat(top[0] - top[1] + sat(top[1] * times));
                    top[1] = sat(top[1] * times);
                    i = close + 1;
                    continue;
                }
            }
            if (c == '|') {
                top[1] = 0;
                i++;
                continue;
            }
            int next = c == '[' ? skipClass(regex, i) : c == '\\' ? skipEscape(regex, i) : i + 1;
            long atom = c == '\\' && regex.startsWith("\\Q", i) ? Math.max(1, next - i - 4) : 1;
            top[1] = atom;
            top[0] = sat(top[0] + atom);
            i = next;
        }
        long total = 0;
        while (!frames.isEmpty()) {
            total = sat(total + frames.pop()[0]);
        }
        return total;
    }

    private static int skipGroupPrefix(String r, int i) {
        if (i < r.length() && r.charAt(i) == '?') {
            int colon = r.indexOf(':', i);
            int close = r.indexOf(')', i);
            if (r.startsWith("?P<", i) || r.startsWith("?<", i)) {
                int gt = r.indexOf('>', i);
                return gt < 0 ? r.length() : gt + 1;
            }
            if (colon >= 0 && (close < 0 || colon < close)) {
                return colon + 1;
            }
            return close < 0 ? r.length() : close; // flag group "(?i)": its ')' closes an empty frame
        }
        return i;
    }

    /** {@code n}, {@code n,} or {@code n,m} → the largest count; -1 when this is not a repeat (a literal brace). */
    private static long repeatCount(String body) {
        String[] parts = body.split(",", -1);
        try {
            if (parts.length == 1) {
                return Long.parseLong(parts[0]);
            }
            if (parts.length == 2) {
                long lo = Long.parseLong(parts[0]);
                return parts[1].isEmpty() ? lo + 1 : Math.max(lo, Long.parseLong(parts[1]));
            }
        } catch (NumberFormatException e) {
            return -1; // not digits: RE2 reads the brace literally
        }
        return -1;
    }

    private static int skipClass(String r, int i) {
        int j = i + 1;
        if (j < r.length() && r.charAt(j) == '^') {
            j++;
        }
        if (j < r.length() && r.charAt(j) == ']') {
            j++;
        }
        while (j < r.length() && r.charAt(j) != ']') {
            if (r.charAt(j) == '\\') {
                j++;
            } else if (r.startsWith("[:", j)) {
                int end = r.indexOf(":]", j + 2);
                j = end < 0 ? j : end + 1;
            }
            j++;
        }
        return Math.min(r.length(), j + 1);
    }

    private static int skipEscape(String r, int i) {
        if (r.startsWith("\\Q", i)) {
            int end = r.indexOf("\\E", i + 2);
            return end < 0 ? r.length() : end + 2;
        }
        if (i + 2 < r.length() && (r.charAt(i + 1) == 'p' || r.charAt(i + 1) == 'P') && r.charAt(i + 2) == '{') {
            int end = r.indexOf('}', i);
            return end < 0 ? r.length() : end + 1;
        }
        return Math.min(r.length(), i + 2);
    }

    private static long sat(long v) {
        return Math.min(v, Long.MAX_VALUE / 4);
    }
}
