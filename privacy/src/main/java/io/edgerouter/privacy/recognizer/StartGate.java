package io.edgerouter.privacy.recognizer;

/**
 * A necessary condition for a hand-written pattern to match at an offset: the first character's class and the
 * characters its lookbehind forbids before it. {@link CompiledPattern} tries the regex only at offsets that pass,
 * instead of at every offset as {@code Matcher.find()} does; prose is mostly letters and spaces, so a digit-led
 * pattern then runs at a few dozen offsets of a 2 KB prompt instead of two thousand.
 *
 * <p>A gate must never reject an offset where its pattern could match (that would lose detections); it may accept
 * offsets where the pattern fails. Classes are ASCII, like {@code \d}, {@code \w} and {@code (?i)} in
 * {@code java.util.regex} without the UNICODE flags; they are bit tables so that the per-character test is two
 * shifts, not a chain of lambdas.
 */
public final class StartGate {

    /** An ASCII character class as a 128-bit table. */
    public static final class Chars {
        private final long low;  // bit c set: char c (0..63) is in the class
        private final long high; // bit c-64 set: char c (64..127) is in the class

        private Chars(long low, long high) {
            this.low = low;
            this.high = high;
        }

        public static final Chars NONE = new Chars(0, 0);
        public static final Chars DIGIT = range('0', '9');
        public static final Chars UPPER = range('A', 'Z');
        public static final Chars ALNUM = DIGIT.or(UPPER).or(range('a', 'z'));
        public static final Chars HEX = DIGIT.or(range('A', 'F')).or(range('a', 'f'));
        /** {@code \w}: ASCII letters, digits and '_'. */
        public static final Chars WORD = ALNUM.or(of("_"));

        public static Chars of(String chars) {
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c >= 128) {
                    throw new IllegalArgumentException("start gates use ASCII classes, got '" + c + "'");
                }
                if (c < 64) {
                    lo |= 1L << c;
                } else {
                    hi |= 1L << (c - 64);
                }
            }
            return new Chars(lo, hi);
        }

        static Chars range(char from, char to) {
            StringBuilder sb = new StringBuilder();
            for (char c = from; c <= to; c++) {
                sb.append(c);
            }
            return of(sb.toString());
        }

        public Chars or(Chars other) {
            return new Chars(low | other.low, high | other.high);
        }

        /** Characters that can begin a gated match at a token start: {@code \w} plus '+', '(' and ':'. */
        static final Chars TOKEN_START = WORD.or(of("+(:"));
        static final Chars LETTER = UPPER.or(range('a', 'z'));

        /** The members, in code order. */
        String members() {
            StringBuilder sb = new StringBuilder();
            for (char c = 0; c < 128; c++) {
                if (contains(c)) {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        boolean containsAll(Chars other) {
            return (other.low & ~low) == 0 && (other.high & ~high) == 0;
        }

        public boolean contains(char c) {
            return c < 64 ? (low >>> c & 1L) != 0 : c < 128 && (high >>> (c - 64) & 1L) != 0;
        }
    }

    /** One extra necessary condition on the characters at and after the start offset. */
    private record Condition(Kind kind, Chars chars, int from, int to) {
        enum Kind { ALL, ANY, ANY_IN_TOKEN }

        /** As {@link #holds(CharSequence, int, Chars)}; a run of digits is read from the input's run lengths. */
        boolean holds(AnalysisInput in, int i, Chars token) {
            if (kind == Kind.ALL && chars == Chars.DIGIT) {
                return in.digitRun(i + from) > to - from;
            }
            return holds(new CharArrayView(in.chars()), i, token);
        }

        /** ALL: every char in [i+from, i+to] is in chars; ANY: one is; ANY_IN_TOKEN: see {@link #withInToken}. */
        boolean holds(CharSequence t, int i, Chars token) {
            int n = t.length();
            switch (kind) {
                case ALL -> {
                    if (i + to >= n) {
                        return false;
                    }
                    for (int k = i + from; k <= i + to; k++) {
                        if (!chars.contains(t.charAt(k))) {
                            return false;
                        }
                    }
                    return true;
                }
                case ANY -> {
                    for (int k = i + from; k <= i + to && k < n; k++) {
                        if (chars.contains(t.charAt(k))) {
                            return true;
                        }
                    }
                    return false;
                }
                default -> {
                    for (int k = i; k < n && k <= i + to && token.contains(t.charAt(k)); k++) {
                        if (chars.contains(t.charAt(k))) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        }
    }

    private final Chars first;
    private final Chars notAfter;
    private final Condition[] conditions;
    private final Chars token; // for ANY_IN_TOKEN conditions

    private StartGate(Chars first, Chars notAfter, Condition[] conditions, Chars token) {
        this.first = first;
        this.notAfter = notAfter;
        this.conditions = conditions;
        this.token = token;
    }

    private StartGate(Chars first, Chars notAfter) {
        this(first, notAfter, new Condition[0], Chars.NONE);
    }

    private StartGate with(Condition c, Chars tokenChars) {
        Condition[] more = java.util.Arrays.copyOf(conditions, conditions.length + 1);
        more[conditions.length] = c;
        return new StartGate(first, notAfter, more, tokenChars == null ? token : tokenChars);
    }

    /**
     * And at least {@code length} consecutive characters of {@code chars} from the start (a pattern like
     * {@code [A-Za-z0-9+/_-]{20,512}} cannot match a shorter run).
     */
    public StartGate withRun(Chars chars, int length) {
        return with(new Condition(Condition.Kind.ALL, chars, 0, length - 1), null);
    }

    /** And the character {@code offset} places after the start is one of {@code chars}. */
    public StartGate withCharAt(int offset, Chars chars) {
        return with(new Condition(Condition.Kind.ALL, chars, offset, offset), null);
    }

    /** And some character between {@code from} and {@code to} places after the start is one of {@code chars}. */
    public StartGate withCharWithin(int from, int to, Chars chars) {
        return with(new Condition(Condition.Kind.ANY, chars, from, to), null);
    }

    /**
     * And the run of {@code tokenChars} starting here (at most {@code maxLength} long) contains one of
     * {@code required} (a bare domain must contain a '.' before its first space).
     */
    public StartGate withInToken(Chars tokenChars, Chars required, int maxLength) {
        return with(new Condition(Condition.Kind.ANY_IN_TOKEN, required, 0, maxLength - 1), tokenChars);
    }

    /** No condition: the pattern is tried at every offset (plain {@code find()}). */
    public static final StartGate ANYWHERE = new StartGate(null, null);

    /** The match starts with a character of {@code first} not preceded by one of {@code notAfter}. */
    public static StartGate first(Chars first, Chars notAfter) {
        return new StartGate(first, notAfter);
    }

    /** Digit-led identifier after a non-word character: {@code (?<![\w...])\d...}. */
    public static final StartGate DIGIT_WORD_START = first(Chars.DIGIT, Chars.WORD);
    /** Upper-case-led identifier after a non-word character: {@code (?<![\w...])[A-Z]...}. */
    public static final StartGate UPPER_WORD_START = first(Chars.UPPER, Chars.WORD);
    /** Letter- or digit-led token after a non-word character: {@code (?<!\w)[A-Za-z0-9]...}. */
    public static final StartGate ALNUM_WORD_START = first(Chars.ALNUM, Chars.WORD);

    /**
     * True when every offset this gate accepts is a {@link AnalysisInput#tokenStarts() token start}, so callers
     * may test only those offsets instead of every character.
     */
    boolean onlyAtTokenStarts() {
        return first != null && notAfter.containsAll(Chars.WORD) && Chars.TOKEN_START.containsAll(first);
    }

    /** The few characters a match can begin with (at most {@code max}), or null when there are more. */
    String firstChars(int max) {
        if (first == null) {
            return null;
        }
        String m = first.members();
        return m.length() <= max ? m : null;
    }

    /** The longest run of digits the gate requires from the start itself (0 when it requires none). */
    int leadingDigitRun() {
        int run = 0;
        for (Condition c : conditions) {
            if (c.kind() == Condition.Kind.ALL && c.chars() == Chars.DIGIT && c.from() == 0) {
                run = Math.max(run, c.to() + 1);
            }
        }
        if (run == 0 && first != null && Chars.DIGIT.containsAll(first)) {
            run = 1;
        }
        return run;
    }

    /** True when a match can only begin with an ASCII digit. */
    boolean firstIsDigit() {
        return first != null && Chars.DIGIT.containsAll(first);
    }

    /** True when a match can only begin with an ASCII letter. */
    boolean firstIsLetter() {
        return first != null && Chars.LETTER.containsAll(first);
    }

    /** As {@link #canStartAt(CharSequence, int)}, with the input's per-call indexes. */
    boolean canStartAt(AnalysisInput in, int i) {
        char[] t = in.chars();
        if (!first.contains(t[i]) || (i > 0 && notAfter.contains(t[i - 1]))) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.holds(in, i, token)) {
                return false;
            }
        }
        return true;
    }

    /** A char array as a CharSequence without copying. */
    private record CharArrayView(char[] a) implements CharSequence {
        @Override
        public int length() {
            return a.length;
        }

        @Override
        public char charAt(int index) {
            return a[index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(a, start, end - start);
        }
    }

    /** Whether a match may begin at {@code text[i]}. */
    public boolean canStartAt(CharSequence text, int i) {
        if (!first.contains(text.charAt(i)) || (i > 0 && notAfter.contains(text.charAt(i - 1)))) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.holds(text, i, token)) {
                return false;
            }
        }
        return true;
    }
}
