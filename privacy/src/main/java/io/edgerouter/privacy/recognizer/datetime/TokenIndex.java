package io.edgerouter.privacy.recognizer.datetime;

import io.edgerouter.privacy.recognizer.AnalysisInput;

/**
 * One pass over a text's {@link AnalysisInput#tokenStarts() token starts} that tells, for each, what kind of
 * token begins there: a digit run (and its length), or a run of ASCII letters that is one of the words a date or
 * time pattern can begin with or needs next ("March", "Tue", "next", "since", "ago"...), looked up in lower case
 * without allocating. {@link DateTimeRules.Rule}s use it to try their regex only at tokens where they can start,
 * instead of at every token.
 *
 * <p>Every pattern word is followed in its regex by a non-letter (a space, ',', '-', '.', a digit or the end of
 * the word), so a pattern word always equals a whole letter run; the one exception, "mid" glued to a month or a
 * year ("midMarch", "mid1990"), is tested as a prefix ({@link #PART}).
 */
public final class TokenIndex {

    /** Token classes (bit flags). */
    public static final int DIGIT = 1;
    public static final int MONTH = 1 << 1;
    public static final int WD_FULL = 1 << 2;     // monday...sunday
    public static final int WD_PLURAL = 1 << 3;   // mondays...sundays
    public static final int WD_ABBR = 1 << 4;     // mon, tue, tues...
    public static final int REL_DAY = 1 << 5;     // today, tomorrow, yesterday, tonight
    public static final int NEAR = 1 << 6;        // this, next, last, coming, past, previous
    public static final int YEAR_INTRO = 1 << 7;  // since, until, born, the, class, summer...
    public static final int YEAR_IN = 1 << 8;     // in, by, from, before, after
    public static final int NOON_PREP = 1 << 9;   // at, by, until, till, around, before, after, from
    public static final int NOON = 1 << 10;       // noon, midnight, midday
    public static final int WD_PREP = 1 << 11;    // on, by, until, till, every, since, from, next, this
    public static final int COUNT = 1 << 12;      // one...thirty, a, an, several
    public static final int IN = 1 << 13;         // in
    public static final int PART = 1 << 14;       // mid..., early, late, end, beginning, start, middle
    public static final int END_ETC = 1 << 15;    // end, beginning, start, middle
    public static final int THE = 1 << 16;        // the
    public static final int Q = 1 << 17;          // q (of Q3)
    public static final int NEAR_UNIT = 1 << 18;  // week, weekend, month, year... (after this/next/last)
    public static final int AGO = 1 << 19;        // ago, now, later, earlier
    public static final int UNIT = 1 << 20;       // second(s)...decade(s)
    public static final int DAY_WORD = 1 << 21;   // day

    private static final int LONGEST = 11; // "established"
    private static final String[] KEYS = new String[1024];
    private static final int[] CLASSES = new int[KEYS.length];
    private static final int[] HASHES = new int[KEYS.length];

    static {
        add(MONTH, "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
                "july", "aug", "august", "sep", "sept", "september", "sepember", "oct", "october", "nov", "november",
                "dec", "december");
        add(WD_FULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
        add(WD_PLURAL, "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays");
        add(WD_ABBR, "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun");
        add(REL_DAY, "today", "tomorrow", "yesterday", "tonight");
        add(NEAR, "this", "next", "last", "coming", "past", "previous");
        add(YEAR_INTRO, "since", "until", "till", "during", "circa", "the", "class", "born", "founded", "established",
                "summer", "winter", "spring", "autumn", "fall");
        add(YEAR_IN, "in", "by", "from", "before", "after");
        add(NOON_PREP, "at", "by", "until", "till", "around", "before", "after", "from");
        add(NOON, "noon", "midnight", "midday");
        add(WD_PREP, "on", "by", "until", "till", "every", "since", "from", "next", "this");
        add(COUNT, "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "fifteen", "twenty", "thirty", "a", "several", "an");
        add(IN, "in");
        add(PART, "early", "late", "end", "beginning", "start", "middle");
        add(END_ETC, "end", "beginning", "start", "middle");
        add(THE, "the");
        add(Q, "q");
        add(NEAR_UNIT, "week", "weekend", "month", "year", "quarter", "decade", "century", "spring", "summer",
                "autumn", "fall", "winter", "morning", "afternoon", "evening", "night");
        add(AGO, "ago", "now", "later", "earlier");
        add(UNIT, "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "seconds",
                "minutes", "hours", "days", "weeks", "fortnights", "months", "years", "decades");
        add(DAY_WORD, "day");
    }

    private static void add(int cls, String... words) {
        for (String w : words) {
            if (w.length() > LONGEST) {
                throw new IllegalStateException(w);
            }
            int slot = slot(w.hashCode());
            while (KEYS[slot] != null && !KEYS[slot].equals(w)) {
                slot = (slot + 1) & (KEYS.length - 1);
            }
            KEYS[slot] = w;
            HASHES[slot] = w.hashCode();
            CLASSES[slot] |= cls;
        }
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 10)) & (KEYS.length - 1);
    }

    private final String text;
    private final char[] chars;
    private final int[] starts;
    private final int[] classes;
    private final int[] lengths; // length of the digit or letter run at each token start
    private final int present;   // union of all tokens' classes

    public TokenIndex(AnalysisInput input) {
        text = input.text();
        chars = text.toCharArray();
        starts = input.tokenStarts();
        classes = new int[starts.length];
        lengths = new int[starts.length];
        char[] t = chars;
        int n = t.length;
        int all = 0;
        for (int k = 0; k < starts.length; k++) {
            int i = starts[k];
            char c = t[i];
            int j = i;
            if (c >= '0' && c <= '9') {
                while (j < n && t[j] >= '0' && t[j] <= '9') {
                    j++;
                }
                classes[k] = DIGIT;
            } else if (letter(c)) {
                int h = 0;
                while (j < n && letter(t[j])) {
                    if (j - i < LONGEST) {
                        h = 31 * h + (t[j] | 0x20);
                    }
                    j++;
                }
                int cls = j - i <= LONGEST ? lookup(i, j - i, h) : 0;
                if (j - i >= 3 && (c | 0x20) == 'm' && (t[i + 1] | 0x20) == 'i' && (t[i + 2] | 0x20) == 'd') {
                    cls |= PART;
                }
                classes[k] = cls;
            }
            lengths[k] = j - i;
            all |= classes[k];
        }
        present = all;
    }

    private static boolean letter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The classes of the letter run text[from, from+length) (hash: of its lower case), or 0. */
    private int lookup(int from, int length, int hash) {
        int slot = slot(hash);
        for (String k = KEYS[slot]; k != null; k = KEYS[slot = (slot + 1) & (KEYS.length - 1)]) {
            if (HASHES[slot] == hash && k.length() == length && sameLetters(from, k)) {
                return CLASSES[slot];
            }
        }
        return 0;
    }

    /** Whether the ASCII letters at {@code from} are {@code key} (lower case) in any case. */
    private boolean sameLetters(int from, String key) {
        for (int x = 0; x < key.length(); x++) {
            if ((chars[from + x] | 0x20) != key.charAt(x)) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return starts.length;
    }

    public int start(int k) {
        return starts[k];
    }

    public int classes(int k) {
        return classes[k];
    }

    /** Length of the digit or letter run starting token {@code k}. */
    public int length(int k) {
        return lengths[k];
    }

    /** Whether some token of the text has one of {@code cls}. */
    public boolean anywhere(int cls) {
        return (present & cls) != 0;
    }

    /** The character {@code offset} places after token {@code k}'s run, or 0 past the end of the text. */
    public char after(int k, int offset) {
        int p = starts[k] + lengths[k] + offset;
        return p < chars.length ? chars[p] : 0;
    }

    /** The character at {@code p}, or 0 past the end of the text. */
    public char charAt(int p) {
        return p < chars.length ? chars[p] : 0;
    }

    /** How many ASCII digits follow one another from offset {@code p} (0 past the end). */
    public int digitsAt(int p) {
        int j = p;
        while (j < chars.length && chars[j] >= '0' && chars[j] <= '9') {
            j++;
        }
        return j - p;
    }

    /** Whether one of the {@code within} tokens after {@code k} has one of {@code cls}. */
    public boolean next(int k, int within, int cls) {
        for (int j = k + 1; j <= k + within && j < starts.length; j++) {
            if ((classes[j] & cls) != 0) {
                return true;
            }
        }
        return false;
    }
}
