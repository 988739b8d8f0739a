package io.edgerouter.privacy.recognizer.datetime;

import io.edgerouter.privacy.recognizer.StartGate.Chars;

/**
 * Hand-written matchers for the two shapes that come by the thousand in logs and digit floods: a clock time
 * ({@code 12:30}, {@code 12:30:45}) and an ISO date-time ({@code 2024-01-31T10:00Z}). Each follows its regex in
 * {@link DateTimeRules} path by path, in the regex's order of preference, and answers only when the text leaves no
 * choice: what comes after the time cannot begin an am/pm, a zone or a fraction, and cannot continue the number.
 * Otherwise (a letter, '+', '-', '.' or ',' next, a non-ASCII character...) it answers -1 and the regex decides.
 */
final class FastShapes {

    private FastShapes() {
    }

    /** Characters before the start that can make {@code TIME_START} fail. */
    private static final Chars TIME_BLOCKERS = Chars.WORD.or(Chars.of(":.+,-"));
    /** Characters before the start that can make {@code NUM_START} fail. */
    private static final Chars NUM_BLOCKERS = Chars.WORD.or(Chars.of("./:+#$-"));
    private static final Chars LETTER = Chars.WORD.or(Chars.of("+-"));

    private static int digit(String t, int i) {
        if (i >= t.length()) {
            return -1;
        }
        int d = t.charAt(i) - '0';
        return d >= 0 && d <= 9 ? d : -1;
    }

    private static char charAt(String t, int i) {
        return i < t.length() ? t.charAt(i) : 0;
    }

    private static boolean blockedBefore(String t, int i, Chars blockers) {
        if (i == 0) {
            return false;
        }
        char p = t.charAt(i - 1);
        return p >= 128 || blockers.contains(p);
    }

    /** {@code [0-5]\d} at i. */
    private static boolean sixty(String t, int i) {
        int a = digit(t, i);
        return a >= 0 && a <= 5 && digit(t, i + 1) >= 0;
    }

    /**
     * The end of {@code :mm} or {@code :mm:ss} from {@code j} (the colon) when what follows leaves the regex no
     * other path than an empty am/pm and zone, else -1.
     */
    private static int minutesToEnd(String t, int j) {
        j = minutesSeconds(t, j);
        return j >= 0 && plainEnd(t, j, false) ? j : -1;
    }

    /** The end of {@code :mm} or {@code :mm:ss} (minutes and seconds under 60) from {@code j} (the colon), or -1. */
    private static int minutesSeconds(String t, int j) {
        if (charAt(t, j) != ':' || !sixty(t, j + 1)) {
            return -1;
        }
        j += 3;
        if (charAt(t, j) == ':') {
            if (!sixty(t, j + 1)) {
                return -1;
            }
            j += 3;
        }
        return j;
    }

    /**
     * Whether the time ending at {@code j} ends there for certain: the end of the text, or a character that starts
     * no am/pm, zone, offset or fraction and continues no number (a space only before a digit, a space or a
     * punctuation mark other than '+', and other than '-' when {@code dashOffset}: the ISO form takes "-05:00").
     */
    private static boolean plainEnd(String t, int j, boolean dashOffset) {
        char c = charAt(t, j);
        if (c == 0) {
            return true;
        }
        if (c >= 128 || LETTER.contains(c) && c != '-' || c == ':' || c == '.' || c == ',') {
            return false;
        }
        if (c == '-') {
            return !dashOffset;
        }
        if (c == ' ') {
            char d = charAt(t, j + 1);
            return d == 0 || d < 128 && !LETTER.contains(d) || d >= '0' && d <= '9';
        }
        return true;
    }

    /** "clock time": {@code TIME_START CLOCK AMPM? ZONE? TIME_END}. */
    static int clock(String t, int i) {
        if (blockedBefore(t, i, TIME_BLOCKERS)) {
            return -1;
        }
        int h1 = digit(t, i);
        int h2 = digit(t, i + 1);
        if (h1 < 0) {
            return -1;
        }
        int j = i + 1;
        if (h2 >= 0) {
            if (!(h1 <= 1 || h1 == 2 && h2 <= 3)) {
                return -1;
            }
            j++;
        }
        return minutesToEnd(t, j);
    }

    /** "iso 8601 date-time": {@code NUM_START yyyy-mm-dd(T| )hh:mm(:ss)?(Z|...)? TIME_END}, without a fraction. */
    static int isoDateTime(String t, int i) {
        if (blockedBefore(t, i, NUM_BLOCKERS)) {
            return -1;
        }
        int y = digit(t, i);
        if (y < 1 || y > 2 || digit(t, i + 1) < 0 || digit(t, i + 2) < 0 || digit(t, i + 3) < 0
                || charAt(t, i + 4) != '-') {
            return -1;
        }
        int m1 = digit(t, i + 5);
        int m2 = digit(t, i + 6);
        if (!(m1 == 0 && m2 >= 1 || m1 == 1 && m2 >= 0 && m2 <= 2) || charAt(t, i + 7) != '-') {
            return -1;
        }
        int d1 = digit(t, i + 8);
        int d2 = digit(t, i + 9);
        if (!(d1 == 0 && d2 >= 1 || (d1 == 1 || d1 == 2) && d2 >= 0 || d1 == 3 && d2 >= 0 && d2 <= 1)) {
            return -1;
        }
        int j = i + 10;
        char sep = charAt(t, j);
        int h1 = digit(t, j + 1);
        int h2 = digit(t, j + 2);
        if (sep == 'T') {
            if (!(h1 >= 0 && h1 <= 1 && h2 >= 0 || h1 == 2 && h2 >= 0 && h2 <= 3)) {
                return -1;
            }
            j += 3;
        } else if (sep == ' ') {
            if (h1 < 0) {
                return -1;
            }
            if (h2 >= 0) {
                if (!(h1 <= 1 || h1 == 2 && h2 <= 3)) {
                    return -1;
                }
                j += 3;
            } else {
                j += 2;
            }
        } else {
            return -1;
        }
        j = minutesSeconds(t, j);
        if (j < 0) {
            return -1;
        }
        if (charAt(t, j) == 'Z') { // the offset "Z", then the end: nothing may follow but a plain end
            char e = charAt(t, j + 1);
            boolean end = e == 0 || e < 128 && !Chars.WORD.contains(e) && e != ':' && e != '.' && e != ',';
            return end ? j + 1 : -1;
        }
        return plainEnd(t, j, true) ? j : -1;
    }
}
