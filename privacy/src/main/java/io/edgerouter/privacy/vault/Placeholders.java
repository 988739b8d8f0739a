package io.edgerouter.privacy.vault;

/**
 * Typed placeholders {@code <ENTITY_TYPE_N>}: '<', an upper-case entity name, '_', a counter from 1, '>'.
 * Recognised by a hand-written scanner so that streaming code can ask whether a string could still grow into one.
 */
public final class Placeholders {

    /** Longest placeholder accepted: entity names are at most 64 chars, counters at most 9 digits. */
    public static final int MAX_LENGTH = 1 + 64 + 1 + 9 + 1;

    private Placeholders() {
    }

    public static String format(String entityType, int n) {
        return "<" + entityType + "_" + n + ">";
    }

    /** Length of the placeholder starting at {@code from}, or 0 when none starts there. */
    public static int lengthAt(CharSequence s, int from) {
        if (from >= s.length() || s.charAt(from) != '<') {
            return 0;
        }
        int limit = Math.min(s.length(), from + MAX_LENGTH);
        int lastUnderscore = -1;
        for (int i = from + 1; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '>') {
                boolean ok = lastUnderscore > from + 1 && i > lastUnderscore + 1 && digitsOnly(s, lastUnderscore + 1, i)
                        && s.charAt(from + 1) >= 'A' && s.charAt(from + 1) <= 'Z';
                return ok ? i - from + 1 : 0;
            }
            if (c == '_') {
                lastUnderscore = i;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return 0;
            }
        }
        return 0;
    }

    /** True when {@code s[from..]} is an unfinished beginning of a placeholder ("<", "<EMAIL_AD", "<PERSON_1"). */
    public static boolean couldStartAt(CharSequence s, int from) {
        if (s.charAt(from) != '<' || s.length() - from >= MAX_LENGTH) {
            return false;
        }
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok || (i == from + 1 && !(c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean digitsOnly(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
