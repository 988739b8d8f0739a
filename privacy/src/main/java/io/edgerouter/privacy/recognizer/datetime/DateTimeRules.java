package io.edgerouter.privacy.recognizer.datetime;

import io.edgerouter.privacy.recognizer.PatternRecognizer.Pattern;
import io.edgerouter.privacy.recognizer.StartGate;
import io.edgerouter.privacy.recognizer.StartGate.Chars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The patterns behind {@code DateTimeRecognizer}: one {@link Rule} per written form of a date or time, each with
 * its base score, the context words that may raise it and the calendar check it needs. The ladder itself is
 * documented on the recognizer.
 *
 * <p>All quantifiers are bounded and no repetition is nested, so every attempt costs a bounded number of steps;
 * every pattern has a {@link StartGate} (a digit, or the first letters of its month, weekday or relative words).
 * Month and weekday names match in Title case, UPPER case or, where the word has no other common meaning, lower
 * case ("january" yes, "may" and "march" no).
 */
public final class DateTimeRules {

    /** Which context words may raise a rule's score. */
    public enum Context {
        /** Words that announce a date: "date", "born", "dob", "birthday", "appointment", "due", "expires"... */
        STRONG,
        /** STRONG plus the prepositions that introduce a point in time: "on", "at", "by", "until", "since"... */
        TEMPORAL,
        /** Card and document expiry words plus "date": for the weak month/year forms. */
        EXPIRY
    }

    /** Which shape check a rule's candidates need. */
    public enum Check {
        NONE,
        /** d/m/y or m/d/y (slash or dash: either order must give a real day; dots: day first only). */
        NUMERIC,
        /** year first, or yyyymmdd. */
        YEAR_MONTH_DAY,
        /** with a month name: the day must exist in that month. */
        NAMED_MONTH,
        /** clock time: raised when it carries seconds, am/pm or a zone. */
        CLOCK
    }

    /**
     * One written form.
     *
     * @param numeric whether the form is all digits and separators, so that a preceding "version" or "v" word
     *                (version numbers, builds) rules it out
     * @param gate    where the pattern's regex may start (the same gate {@link #pattern()} runs with)
     * @param regex   the pattern's regex, for matching at one offset
     * @param body    the regex without its opening lookbehind (null when it has none); see {@link #regexAt}
     * @param blockers the ASCII characters before the start that can make that lookbehind fail
     * @param reportsGroup whether the group {@code span} (rather than the whole match) is the reported span
     * @param anchor  which tokens the pattern can start at, judged from the {@link TokenIndex}
     * @param fast    a hand-written matcher for the pattern's most common shapes, or null
     */
    public record Rule(Pattern pattern, Context context, Check check, boolean numeric, String[] needs,
                       StartGate gate, java.util.regex.Pattern regex, java.util.regex.Pattern body, Chars blockers,
                       boolean reportsGroup, Anchor anchor, FastMatch fast) {

        /**
         * Whether the text can hold a match at all: it must contain a character of each of {@link #needs} (a ':'
         * for a clock time, a digit for a day number). {@code present[c]} tells whether ASCII char c occurs.
         */
        public boolean possibleIn(boolean[] present) {
            for (String group : needs) {
                boolean any = false;
                for (int i = 0; i < group.length() && !any; i++) {
                    any = present[group.charAt(i)];
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }

        Rule at(Anchor a) {
            return new Rule(pattern, context, check, numeric, needs, gate, regex, body, blockers, reportsGroup, a,
                    fast);
        }

        Rule fast(FastMatch f) {
            return new Rule(pattern, context, check, numeric, needs, gate, regex, body, blockers, reportsGroup,
                    anchor, f);
        }

        /**
         * The regex to try at offset {@code i}: {@link #body()} (the regex without its opening lookbehind) when the
         * character before {@code i} cannot make that lookbehind fail, else the whole regex. Both match the same.
         */
        public java.util.regex.Pattern regexAt(CharSequence text, int i) {
            if (body == null) {
                return regex;
            }
            char prev = i == 0 ? ' ' : text.charAt(i - 1);
            return prev < 128 && !blockers.contains(prev) ? body : regex;
        }
    }

    /**
     * The end of the pattern's match at offset {@code i} for the shapes it knows (the end the regex would report),
     * or -1 when it does not know: then the regex decides. For the patterns that match in floods of times and
     * ISO date-times, where the regex would cost a microsecond per match.
     */
    @FunctionalInterface
    public interface FastMatch {
        int end(String text, int i);
    }

    /** A necessary condition, on the token index, for a match of one pattern to start at a token. */
    @FunctionalInterface
    public interface TokenTest {
        boolean test(TokenIndex tokens, int k);
    }

    /**
     * Where a rule can start: at a token of one of the classes {@code first} that passes {@code test} (null: any
     * such token), and only in texts with a token of one of the classes {@code anywhere} (0: no such need).
     * Each must be a necessary condition of the rule's regex: it only saves attempts that would fail.
     */
    public record Anchor(int first, int anywhere, int minLength, int maxLength, Chars after, TokenTest test) {

        /** Any length of the token's run, any character after it. */
        public Anchor(int first, int anywhere, TokenTest test) {
            this(first, anywhere, 0, Integer.MAX_VALUE, null, test);
        }

        public boolean possibleIn(TokenIndex tokens) {
            return anywhere == 0 || tokens.anywhere(anywhere);
        }

        /** The class, the run's length and the character after it first (cheap), then {@code test}. */
        public boolean at(TokenIndex tokens, int k) {
            if ((tokens.classes(k) & first) == 0) {
                return false;
            }
            int length = tokens.length(k);
            return length >= minLength && length <= maxLength && (after == null || after.contains(tokens.after(k, 0)))
                    && (test == null || test.test(tokens, k));
        }
    }

    /** A run of {@code minLength..maxLength} digits followed by one of {@code after}, passing {@code test}. */
    private static Anchor digits(int minLength, int maxLength, String after, TokenTest test) {
        return new Anchor(TokenIndex.DIGIT, 0, minLength, maxLength, after == null ? null : Chars.of(after), test);
    }

    private static boolean oneOf(char c, String chars) {
        return c != 0 && chars.indexOf(c) >= 0;
    }

    /**
     * Digit runs and separators from token {@code k}: a run of {@code lo1..hi1} digits, one of {@code seps}, a run of
     * {@code lo2..hi2} digits and, unless {@code lo3 < 0}, the same separator and a run of {@code lo3..hi3} digits.
     * Each bounded digit group of the numeric patterns is followed by a non-digit, so its run has exactly that length.
     */
    private static boolean shape(TokenIndex t, int k, int lo1, int hi1, String seps, int lo2, int hi2, int lo3,
                                 int hi3) {
        return shapeEnd(t, k, lo1, hi1, seps, lo2, hi2, lo3, hi3) >= 0;
    }

    /** {@link #shape}, answering the offset after the last digit run, or -1. */
    private static int shapeEnd(TokenIndex t, int k, int lo1, int hi1, String seps, int lo2, int hi2, int lo3,
                                int hi3) {
        int run = t.length(k);
        char sep = t.after(k, 0);
        if (run < lo1 || run > hi1 || !oneOf(sep, seps)) {
            return -1;
        }
        int p = t.start(k) + run + 1;
        run = t.digitsAt(p);
        if (run < lo2 || run > hi2) {
            return -1;
        }
        p += run;
        if (lo3 < 0) {
            return p;
        }
        if (t.charAt(p) != sep) {
            return -1;
        }
        run = t.digitsAt(p + 1);
        return run >= lo3 && run <= hi3 ? p + 1 + run : -1;
    }

    /** {@link #NUM_END} at offset {@code p} (false for -1): no word character, no separator and digit. */
    private static boolean numEnd(TokenIndex t, int p) {
        if (p < 0) {
            return false;
        }
        char c = t.charAt(p);
        return !WORD_CHAR.contains(c) && !(oneOf(c, "./:-") && Chars.DIGIT.contains(t.charAt(p + 1)));
    }

    private static final Chars WORD_CHAR = Chars.WORD;

    /** "5-", "5th-": a dash after the day number and its ordinal suffix. */
    private static boolean dashAfterDay(TokenIndex t, int k) {
        char c = t.after(k, 0);
        return c == '-' || (c == 's' || c == 'n' || c == 'r' || c == 't') && t.after(k, 2) == '-';
    }

    private static final int WEEKDAY_TOKEN = TokenIndex.WD_FULL | TokenIndex.WD_ABBR;
    /** A day number with a month name among the next two tokens ("3 March", "3rd of March"), or a weekday before it. */
    private static final Anchor DAY_LED = new Anchor(TokenIndex.DIGIT | WEEKDAY_TOKEN, TokenIndex.MONTH,
            (t, k) -> t.classes(k) == TokenIndex.DIGIT ? t.length(k) <= 2 && t.next(k, 2, TokenIndex.MONTH)
                    : t.next(k, 4, TokenIndex.MONTH));
    /** A month name with a day number among the next two tokens ("March 3", "March the 3rd"), or a weekday first. */
    private static final Anchor MONTH_LED = new Anchor(TokenIndex.MONTH | WEEKDAY_TOKEN, 0,
            (t, k) -> (t.classes(k) & TokenIndex.MONTH) != 0 && t.next(k, 2, TokenIndex.DIGIT)
                    || (t.classes(k) & WEEKDAY_TOKEN) != 0 && t.next(k, 2, TokenIndex.MONTH));
    /** "tomorrow", "next Tuesday morning", "this evening"... with the time's digits among the next four tokens. */
    private static final Anchor DAY_REF_LED = new Anchor(TokenIndex.REL_DAY | TokenIndex.NEAR | TokenIndex.WD_FULL, 0,
            (t, k) -> t.next(k, 4, TokenIndex.DIGIT));

    /**
     * Which ASCII characters occur in {@code text}, for {@link Rule#possibleIn}: only those the rules'
     * {@link Rule#needs} name (the others stay false), by a {@code String.indexOf} per character, which is far
     * quicker on a long text than a loop over its characters.
     */
    public static boolean[] neededPresent(String text) {
        boolean[] present = new boolean[128];
        for (int i = 0; i < NEEDED.length(); i++) {
            char c = NEEDED.charAt(i);
            present[c] = text.indexOf(c) >= 0;
        }
        return present;
    }

    private static final String DIGITS = "0123456789";

    public static final Set<String> STRONG_WORDS = Set.of("date", "dated", "dates", "born", "birth", "birthday",
            "dob", "d.o.b", "appointment", "appt", "due", "deadline", "expires", "expiry", "expiration", "exp",
            "valid", "scheduled", "schedule", "meeting", "signed", "issued", "effective", "when");
    public static final Set<String> TEMPORAL_WORDS = union(STRONG_WORDS, Set.of("on", "at", "by", "until", "till",
            "from", "since", "around", "time", "starts", "ends", "arrive", "arrives", "leaves", "departs"));
    public static final Set<String> EXPIRY_WORDS = Set.of("exp", "expires", "expiry", "expiration", "valid",
            "thru", "through", "good", "date", "dated", "mm/yy", "card");

    /** A preceding word that makes a dotted number a version, not a date. */
    public static final Set<String> VERSION_WORDS = Set.of("version", "versions", "ver", "v", "release", "build",
            "rev", "revision", "firmware", "patch", "python", "java", "node", "kernel", "ios", "android", "chrome",
            "firefox", "semver");
    /** A preceding word that makes "16:9" or "1:25" a ratio, score or verse, not a time. */
    public static final Set<String> RATIO_WORDS = Set.of("ratio", "ratios", "scale", "aspect", "odds", "score",
            "scored", "won", "lost", "verse", "verses", "chapter", "psalm", "psalms", "john", "matthew", "genesis");

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return Collections.unmodifiableSet(s);
    }

    // ---- building blocks -------------------------------------------------------------------------------------

    /** "[Tt]oday"-style: the word with its first letter in either case, plus the all-caps form. */
    private static String words(String... ws) {
        String titles = lowerOrTitle(ws);
        StringBuilder sb = new StringBuilder(titles.substring(0, titles.length() - 1)); // without its ")"
        for (String w : ws) {
            sb.append('|').append(w.toUpperCase(Locale.ROOT));
        }
        return sb.append(')').toString();
    }

    /** Lower-case-first-letter variant only ("at", "on" in the middle of a sentence; "At" at its start). */
    private static String lowerOrTitle(String... ws) {
        StringBuilder sb = new StringBuilder("(?:");
        for (String w : ws) {
            if (sb.length() > 3) {
                sb.append('|');
            }
            char c = w.charAt(0);
            sb.append('[').append(Character.toUpperCase(c)).append(c).append(']').append(w, 1, w.length());
        }
        return sb.append(')').toString();
    }

    static final String MONTH = "(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|Jun\\."
            + "|July?|Jul\\.|Aug(?:ust|\\.)?|Sep(?:tember|t\\.?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?"
            + "|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?"
            + "|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?"
            + "|january|february|april|june|july|august|september|october|november|december)";
    static final String WEEKDAY_NAME = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
            + "|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY"
            + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String WEEKDAY_ANY = "(?:" + WEEKDAY_NAME
            + "|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN)\\.?)";
    /** "Tuesday, " / "Tue " / "Tuesday the " before a date. */
    private static final String WD_PREFIX = "(?:" + WEEKDAY_ANY + ",? (?:the )?)?";
    private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
    private static final String YEAR_NAMED = "(?:1[5-9]\\d{2}|20\\d{2}|'\\d{2})";
    private static final String YEAR_NUM = "(?:1[6-9]|20)\\d{2}";
    private static final String YEAR_WORD = "(?:1[89]|20)\\d{2}";

    /** Before a digit-led numeric form: no word char, separator, sign or currency. */
    private static final String NUM_START = "(?<![\\w./:+#$\u20ac\u00a3]|\\d-)";
    /** After a numeric form: no word char, and no separator that continues the number. */
    private static final String NUM_END = "(?!\\w|[./:-]\\d)";
    private static final String WORD_START = "(?<![\\w-])";
    private static final String WORD_END = "(?![\\w'-])";

    private static final String CLOCK = "(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,6})?)?";
    private static final String AMPM = "(?: ?(?:[ap]\\.m\\.|[AP]\\.M\\.|[ap]m|[AP]M)(?!\\w))";
    private static final String ZONE = "(?: ?(?:UTC|GMT)(?:[+-](?:1[0-4]|0?\\d)(?::?[0-5]\\d)?)?(?!\\w)"
            + "| (?:[ECMPA][SD]T|AK[SD]T|HST|CES?T|BST|IST|JST|KST|MSK|AES?T|AEDT|WES?T|EES?T|SGT|HKT)(?!\\w)"
            + "|Z(?!\\w)| ?\\+(?:[01]\\d|2[0-3]):?[0-5]\\d| -(?:0\\d|1[0-4]):?[0-5]\\d"
            + "| (?:Europe|America|Asia|Africa|Australia|Pacific|Atlantic|Indian)/[A-Z][A-Za-z]{1,14}(?:_[A-Z][A-Za-z]{1,14}){0,2})";
    /** Not inside a number, and not the zone offset of an ISO time ("...:30:00-05:00", "...:30.500-07:00"). */
    private static final String TIME_START = "(?<![\\w:.+])(?<!\\d,)(?<!:\\d\\d:\\d\\d-)(?<!\\.\\d{1,9}-)";
    private static final String TIME_END = "(?![\\w:]|[.,]\\d)";
    private static final String HOUR12 = "(?:1[0-2]|0?[1-9])";
    /** A time of day that stands on its own: a clock time, or an hour with am/pm. */
    private static final String TIME = "(?:" + CLOCK + AMPM + "?|" + HOUR12 + AMPM + ")" + ZONE + "?";

    private static final String REL_DAY = words("today", "tomorrow", "yesterday", "tonight");
    private static final String DAY_PART = "(?:morning|afternoon|evening|night)";
    private static final String NEAR = words("this", "next", "last", "coming", "past", "previous");
    private static final String DAY_REF = "(?:" + REL_DAY + "(?: " + DAY_PART + ")?|(?:" + NEAR + " )?" + WEEKDAY_NAME
            + "(?: " + DAY_PART + ")?|" + lowerOrTitle("this") + " " + DAY_PART + "|" + lowerOrTitle("last") + " night)";
    private static final String CONNECT = "(?:,? (?:at|around|by|from|until|till|@) |,? )";
    private static final String COUNT_WORD = lowerOrTitle("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "a few", "a couple of",
            "several", "a", "an");
    private static final String COUNT = "(?:\\d{1,3}|" + COUNT_WORD + ")";
    private static final String UNIT = "(?:second|minute|hour|day|week|fortnight|month|year|decade)s?";

    // ---- gates ---------------------------------------------------------------------------------------------

    private static final Chars NUM_NOT_AFTER = Chars.WORD.or(Chars.of("./:+#$"));
    private static final StartGate DIGIT = StartGate.first(Chars.DIGIT, NUM_NOT_AFTER);
    private static final StartGate TIME_DIGIT = StartGate.first(Chars.DIGIT, Chars.WORD.or(Chars.of(":.+")));
    private static final String MONTH_FIRST = "JFMASONDjfasond";
    private static final String WEEKDAY_FIRST = "MTWFSmtwfs";

    private static final StartGate YEAR4 = DIGIT.withRun(Chars.DIGIT, 4);
    private static final StartGate YEAR4_DASH = YEAR4.withCharAt(4, Chars.of("-"));

    /** Digit-led: a separator among the next {@code upTo} characters ("1/2", "12:3"). */
    private static StartGate sepWithin(StartGate gate, int upTo, String separators) {
        return gate.withCharWithin(1, upTo, Chars.of(separators));
    }

    /** A day number, possibly after a weekday: needs a digit and a month's first letter nearby. */
    private static StartGate dayLed() {
        return digitOrLetters(WEEKDAY_FIRST).withCharWithin(0, 16, Chars.DIGIT)
                .withCharWithin(1, 30, Chars.of(MONTH_FIRST));
    }

    private static StartGate letters(String firsts) {
        return StartGate.first(Chars.of(firsts), Chars.WORD.or(Chars.of("-")));
    }

    private static StartGate lettersAfterWord(String firsts) {
        return StartGate.first(Chars.of(firsts), Chars.WORD);
    }

    private static StartGate digitOrLetters(String firsts) {
        return StartGate.first(Chars.DIGIT.or(Chars.of(firsts)), Chars.WORD.or(Chars.of("-")));
    }

    /**
     * The lookbehinds that open the patterns, and for each the ASCII characters before the start that can make it
     * fail: after any other ASCII character (or at the text's start) it holds, and the rest of the pattern alone
     * decides the match.
     */
    private static final String[] LEADING_LOOKBEHINDS = {NUM_START, TIME_START, WORD_START, "(?<!\\w)"};
    private static final Chars[] LOOKBEHIND_BLOCKERS = {Chars.WORD.or(Chars.of("./:+#$-")),
            Chars.WORD.or(Chars.of(":.+,-")), Chars.WORD.or(Chars.of("-")), Chars.WORD};

    private static final List<Rule> RULES = build();

    /** Every character some rule {@link Rule#needs}. */
    private static final String NEEDED = RULES.stream().flatMap(r -> java.util.Arrays.stream(r.needs()))
            .flatMapToInt(String::chars).distinct().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                    StringBuilder::append).toString();

    public static List<Rule> rules() {
        return RULES;
    }

    private static Rule rule(String name, String regex, double score, StartGate gate, Context c, Check check,
                             boolean numeric, String... needs) {
        java.util.regex.Pattern body = null;
        Chars blockers = null;
        for (int i = 0; i < LEADING_LOOKBEHINDS.length; i++) {
            if (regex.startsWith(LEADING_LOOKBEHINDS[i])) {
                body = java.util.regex.Pattern.compile(regex.substring(LEADING_LOOKBEHINDS[i].length()));
                blockers = LOOKBEHIND_BLOCKERS[i];
                break;
            }
        }
        return new Rule(Pattern.jdk(name, regex, score, gate), c, check, numeric, needs, gate,
                java.util.regex.Pattern.compile(regex), body, blockers, regex.contains("(?<span>"), null, null);
    }


    private static List<Rule> build() {
        List<Rule> r = new ArrayList<>();
        // ISO 8601 and other year-first forms
        r.add(rule("iso 8601 date-time", NUM_START + "[12]\\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])"
                + "(?:T(?:[01]\\d|2[0-3])| (?:[01]?\\d|2[0-3])):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,9})?)?"
                + "(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d|" + AMPM + "|" + ZONE + ")?" + TIME_END,
                0.8, YEAR4_DASH, Context.TEMPORAL, Check.YEAR_MONTH_DAY, true, "-", ":")
                .at(digits(4, 4, "-", (t, k) -> shape(t, k, 4, 4, "-", 2, 2, 2, 2))).fast(FastShapes::isoDateTime));
        r.add(rule("iso date yyyy-mm-dd", NUM_START + "[12]\\d{3}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])" + NUM_END,
                0.7, YEAR4_DASH, Context.TEMPORAL, Check.YEAR_MONTH_DAY, true, "-")
                .at(digits(4, 4, "-", (t, k) -> numEnd(t, shapeEnd(t, k, 4, 4, "-", 1, 2, 1, 2)))));
        r.add(rule("yyyy/mm/dd or yyyy.mm.dd", NUM_START + "[12]\\d{3}(?:/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])"
                + "|\\.(?:0[1-9]|1[0-2])\\.(?:0[1-9]|[12]\\d|3[01]))" + NUM_END,
                0.6, YEAR4.withCharAt(4, Chars.of("/.")), Context.TEMPORAL, Check.YEAR_MONTH_DAY, true, "/.")
                .at(digits(4, 4, "/.", (t, k) -> numEnd(t, shapeEnd(t, k, 4, 4, "/.", 1, 2, 1, 2)))));
        r.add(rule("yyyymmdd (weak)", NUM_START + "(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"
                + "(?:T(?:[01]\\d|2[0-3])[0-5]\\d(?:[0-5]\\d)?Z?)?" + NUM_END,
                0.3, DIGIT.withRun(Chars.DIGIT, 8), Context.STRONG, Check.YEAR_MONTH_DAY, true)
                .at(digits(8, 8, null, null)));
        // day and month as numbers
        r.add(rule("d/m/yyyy, m/d/yyyy, d-m-yyyy, d.m.yyyy", NUM_START + "\\d{1,2}([/.-])\\d{1,2}\\1" + YEAR_NUM + NUM_END,
                0.6, sepWithin(DIGIT, 2, "/.-"), Context.TEMPORAL, Check.NUMERIC, true, "/.-")
                .at(digits(1, 2, "/.-", (t, k) -> numEnd(t, shapeEnd(t, k, 1, 2, "/.-", 1, 2, 4, 4)))));
        r.add(rule("d/m/yy, m/d/yy, d.m.yy", NUM_START + "\\d{1,2}([/.])\\d{1,2}\\1\\d{2}" + NUM_END,
                0.6, sepWithin(DIGIT, 2, "/."), Context.TEMPORAL, Check.NUMERIC, true, "/.")
                .at(digits(1, 2, "/.", (t, k) -> numEnd(t, shapeEnd(t, k, 1, 2, "/.", 1, 2, 2, 2)))));
        r.add(rule("d-m-yy (weak)", NUM_START + "\\d{1,2}-\\d{1,2}-\\d{2}" + NUM_END,
                0.35, sepWithin(DIGIT, 2, "-"), Context.STRONG, Check.NUMERIC, true, "-")
                .at(digits(1, 2, "-", (t, k) -> numEnd(t, shapeEnd(t, k, 1, 2, "-", 1, 2, 2, 2)))));
        r.add(rule("mm/yyyy (weak)", NUM_START + "(?:0?[1-9]|1[0-2])/" + YEAR_NUM + NUM_END,
                0.2, sepWithin(DIGIT, 2, "/"), Context.EXPIRY, Check.NONE, true, "/")
                .at(digits(1, 2, "/", (t, k) -> numEnd(t, shapeEnd(t, k, 1, 2, "/", 4, 4, -1, -1)))));
        r.add(rule("mm/yy (very weak)", NUM_START + "(?:0?[1-9]|1[0-2])/\\d{2}" + NUM_END,
                0.1, sepWithin(DIGIT, 2, "/"), Context.EXPIRY, Check.NONE, true, "/")
                .at(digits(1, 2, "/", (t, k) -> numEnd(t, shapeEnd(t, k, 1, 2, "/", 2, 2, -1, -1)))));
        // month names
        r.add(rule("day month year", WORD_START + WD_PREFIX + DAY + "(?: of)? " + MONTH + ",? " + YEAR_NAMED + NUM_END,
                0.8, dayLed(), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS)
                .at(DAY_LED));
        r.add(rule("month day year", WORD_START + WD_PREFIX + MONTH + " (?:the )?" + DAY + ",? " + YEAR_NAMED + NUM_END,
                0.8, letters(MONTH_FIRST + WEEKDAY_FIRST).withCharWithin(3, 32, Chars.DIGIT), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS)
                .at(MONTH_LED));
        r.add(rule("dd-mmm-yyyy, dd-mmm", WORD_START + DAY + "-" + MONTH + "(?:-(?:[12]\\d{3}|\\d{2}))?" + NUM_END,
                0.6, StartGate.first(Chars.DIGIT, Chars.WORD.or(Chars.of("-"))).withCharWithin(1, 4, Chars.of("-")), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS, "-")
                .at(digits(1, 2, "-stnr", (t, k) -> dashAfterDay(t, k) && t.next(k, 1, TokenIndex.MONTH))));
        r.add(rule("month day", WORD_START + WD_PREFIX + MONTH + " (?:the )?" + DAY + "(?![\\w:]|[.,/-]\\d)",
                0.6, letters(MONTH_FIRST + WEEKDAY_FIRST).withCharWithin(3, 32, Chars.DIGIT), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS)
                .at(MONTH_LED));
        r.add(rule("day month", WORD_START + WD_PREFIX + DAY + "(?: of)? " + MONTH + WORD_END,
                0.6, dayLed(), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS)
                .at(DAY_LED));
        r.add(rule("month year, mmm-yy", WORD_START + MONTH + "(?:,? | of |-)" + YEAR_NAMED + NUM_END,
                0.6, letters(MONTH_FIRST).withCharWithin(3, 14, Chars.DIGIT.or(Chars.of("'"))), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS + "'")
                .at(new Anchor(TokenIndex.MONTH, 0, (t, k) -> t.next(k, 2, TokenIndex.DIGIT))));
        r.add(rule("mmm-yy", WORD_START + MONTH + "-\\d{2}" + NUM_END,
                0.6, letters(MONTH_FIRST).withCharWithin(3, 10, Chars.DIGIT), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS, "-")
                .at(new Anchor(TokenIndex.MONTH, 0, (t, k) -> t.next(k, 1, TokenIndex.DIGIT))));
        r.add(rule("part of a month or year", WORD_START + "(?:[Mm]id-?|[Ee]arly |[Ll]ate |(?:[Tt]he )?(?:end|beginning|start|middle) of )"
                + "(?:" + MONTH + "(?: " + YEAR_NAMED + ")?|" + YEAR_WORD + ")" + WORD_END,
                0.5, letters("MmEeLlTtbs").withCharAt(1, Chars.of("iahnet")), Context.TEMPORAL, Check.NONE, false)
                .at(new Anchor(TokenIndex.PART | TokenIndex.THE, 0,
                        (t, k) -> (t.classes(k) & TokenIndex.PART) != 0 || t.next(k, 1, TokenIndex.END_ETC))));
        r.add(rule("quarter", WORD_START + "Q[1-4][ /-]?(?:19|20)\\d{2}" + NUM_END,
                0.5, letters("Q"), Context.TEMPORAL, Check.NONE, false, "Q")
                .at(new Anchor(TokenIndex.Q, 0, null)));
        r.add(rule("decade", NUM_START + "(?:1[89]|20)\\d0s" + WORD_END,
                0.5, YEAR4.withCharAt(4, Chars.of("s")), Context.TEMPORAL, Check.NONE, false, "s")
                .at(digits(4, 4, "s", null)));
        // a year on its own, introduced by a word that makes it a year
        r.add(rule("year after since/until/born in", "(?<!\\w)(?:" + lowerOrTitle("since", "until", "till", "during", "circa",
                "the year", "class of", "born", "born in", "founded in", "established in", "summer of", "winter of",
                "spring of", "autumn of", "fall of") + ") (?<span>" + YEAR_WORD + ")" + NUM_END + "(?! ?%)",
                0.5, lettersAfterWord("SsUuTtDdCcBbFfEeWwAa"), Context.TEMPORAL, Check.NONE, false, DIGITS)
                .at(new Anchor(TokenIndex.YEAR_INTRO, 0, (t, k) -> t.next(k, 2, TokenIndex.DIGIT))));
        r.add(rule("year after in/by/from (weak)", "(?<!\\w)" + lowerOrTitle("in", "by", "from", "before", "after")
                + " (?<span>" + YEAR_WORD + ")" + NUM_END + "(?! ?%)",
                0.35, lettersAfterWord("IiBbFfAa"), Context.STRONG, Check.NONE, false, DIGITS)
                .at(new Anchor(TokenIndex.YEAR_IN, 0, (t, k) -> t.next(k, 1, TokenIndex.DIGIT))));
        // clock times
        r.add(rule("clock time", TIME_START + CLOCK + AMPM + "?" + ZONE + "?" + TIME_END,
                0.45, sepWithin(TIME_DIGIT, 2, ":"), Context.TEMPORAL, Check.CLOCK, false, ":")
                .at(digits(1, 2, ":", (t, k) -> shape(t, k, 1, 2, ":", 2, 2, -1, -1))).fast(FastShapes::clock));
        r.add(rule("hour with am/pm or o'clock", TIME_START + HOUR12 + "(?:" + AMPM + "| o'clock)" + ZONE + "?" + TIME_END,
                0.6, TIME_DIGIT.withCharWithin(1, 3, Chars.of("apAPo")), Context.TEMPORAL, Check.NONE, false, "mM'")
                .at(digits(1, 2, "apAP ", (t, k) -> oneOf(t.after(k, 0), "apAP") || oneOf(t.after(k, 1), "apAPo"))));
        r.add(rule("noon, midnight", "(?<!\\w)" + lowerOrTitle("at", "by", "until", "till", "around", "before", "after", "from")
                + " (?<span>noon|midnight|midday)" + WORD_END,
                0.5, lettersAfterWord("AaBbUuTtFf"), Context.TEMPORAL, Check.NONE, false, "nN")
                .at(new Anchor(TokenIndex.NOON_PREP, TokenIndex.NOON, (t, k) -> t.next(k, 1, TokenIndex.NOON))));
        // relative days, with and without a time
        r.add(rule("day reference with time", WORD_START + DAY_REF + CONNECT + TIME + TIME_END,
                0.7, letters("TtYyNnLlCcPp" + WEEKDAY_FIRST).withCharWithin(0, 40, Chars.DIGIT), Context.TEMPORAL, Check.NONE, false, DIGITS)
                .at(DAY_REF_LED));
        r.add(rule("day reference at hour", WORD_START + DAY_REF + ",? (?:at|around|by) " + HOUR12 + TIME_END,
                0.6, letters("TtYyNnLlCcPp" + WEEKDAY_FIRST).withCharWithin(0, 40, Chars.DIGIT), Context.TEMPORAL, Check.NONE, false, DIGITS)
                .at(DAY_REF_LED));
        r.add(rule("time then day", TIME_START + TIME + " (?:on |this )?(?:" + REL_DAY + "|" + WEEKDAY_NAME + ")" + WORD_END,
                0.7, TIME_DIGIT.withCharWithin(1, 3, Chars.of(":apAP"))
                        .withCharWithin(4, 72, Chars.of("TtYyMWFSmwfs")), Context.TEMPORAL, Check.NONE, false, DIGITS)
                .at(new Anchor(TokenIndex.DIGIT, TokenIndex.REL_DAY | TokenIndex.WD_FULL, 1, 2,
                        Chars.of(":apAP "), (t, k) -> shape(t, k, 1, 2, ":", 2, 2, -1, -1)
                        || t.length(k) <= 2 && (oneOf(t.after(k, 0), "apAP")
                        || t.after(k, 0) == ' ' && oneOf(t.after(k, 1), "apAP")))));
        r.add(rule("this/next/last weekday", WORD_START + NEAR + " " + WEEKDAY_NAME + WORD_END,
                0.5, letters("TtNnLlCcPp"), Context.TEMPORAL, Check.NONE, false, "yY")
                .at(new Anchor(TokenIndex.NEAR, 0, (t, k) -> t.next(k, 1, TokenIndex.WD_FULL))));
        r.add(rule("weekday after on/by/until", "(?<!\\w)" + lowerOrTitle("on", "by", "until", "till", "every", "since",
                "from", "next", "this") + " (?<span>" + WEEKDAY_NAME + "s?)" + WORD_END,
                0.5, lettersAfterWord("OoBbUuTtEeSsFfNn").withCharWithin(3, 6, Chars.of(WEEKDAY_FIRST)), Context.TEMPORAL, Check.NONE, false, "yY")
                .at(new Anchor(TokenIndex.WD_PREP, 0,
                        (t, k) -> t.next(k, 1, TokenIndex.WD_FULL | TokenIndex.WD_PLURAL))));
        r.add(rule("weekday (weak)", WORD_START + WEEKDAY_NAME + WORD_END,
                0.3, letters(WEEKDAY_FIRST), Context.TEMPORAL, Check.NONE, false, "yY")
                .at(new Anchor(TokenIndex.WD_FULL, 0, null)));
        r.add(rule("today, tomorrow, yesterday, tonight (weak)", WORD_START + "(?:" + lowerOrTitle("the day after tomorrow",
                "the day before yesterday") + "|" + REL_DAY + "(?: " + DAY_PART + ")?)" + WORD_END,
                0.35, letters("TtYy"), Context.STRONG, Check.NONE, false)
                .at(new Anchor(TokenIndex.REL_DAY | TokenIndex.THE, 0,
                        (t, k) -> (t.classes(k) & TokenIndex.REL_DAY) != 0 || t.next(k, 1, TokenIndex.DAY_WORD))));
        r.add(rule("this/next/last week, month... (weak)", WORD_START + NEAR + " (?:week(?:end)?|month|year|quarter"
                + "|decade|century|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)" + WORD_END,
                0.35, letters("TtNnLlCcPp"), Context.STRONG, Check.NONE, false)
                .at(new Anchor(TokenIndex.NEAR, 0, (t, k) -> t.next(k, 1, TokenIndex.NEAR_UNIT))));
        r.add(rule("n units ago", WORD_START + "\\d{1,3} " + UNIT + " (?:ago|from now|later|earlier)" + WORD_END,
                0.45, StartGate.first(Chars.DIGIT, Chars.WORD.or(Chars.of("-"))).withCharWithin(2, 4, Chars.of("smhdwfy")),
                Context.STRONG, Check.NONE, false, DIGITS)
                .at(new Anchor(TokenIndex.DIGIT, TokenIndex.AGO, 1, 3, Chars.of(" "), null)));
        r.add(rule("n units ago (count in words)", WORD_START + COUNT_WORD + " " + UNIT + " (?:ago|from now|later|earlier)"
                + WORD_END, 0.45, letters("OoTtFfSsEeNnAa"), Context.STRONG, Check.NONE, false)
                .at(new Anchor(TokenIndex.COUNT, TokenIndex.AGO, (t, k) -> t.next(k, 3, TokenIndex.UNIT))));
        r.add(rule("in n units (weak)", "(?<!\\w)[Ii]n " + COUNT + " " + UNIT + WORD_END,
                0.35, lettersAfterWord("Ii"), Context.STRONG, Check.NONE, false)
                .at(new Anchor(TokenIndex.IN, 0, (t, k) -> t.next(k, 1, TokenIndex.DIGIT | TokenIndex.COUNT))));
        return List.copyOf(r);
    }

    private DateTimeRules() {
    }

    /** The candidate's base score after its shape check, or -1 when the check rejects it. */
    public static double score(Rule rule, String candidate) {
        return score(rule, candidate, 0, candidate.length());
    }

    /** {@link #score(Rule, String)} of {@code text[start, end)}, without copying it unless a check needs to. */
    public static double score(Rule rule, String text, int start, int end) {
        double base = rule.pattern().score();
        return switch (rule.check()) {
            case NONE -> base;
            case NUMERIC -> {
                String candidate = text.substring(start, end);
                yield (candidate.indexOf('.') >= 0 ? CalendarCheck.dayMonthYear(candidate)
                        : CalendarCheck.eitherOrder(candidate)) ? base : -1;
            }
            case YEAR_MONTH_DAY -> CalendarCheck.yearMonthDay(text.substring(start, end)) ? base : -1;
            case NAMED_MONTH -> CalendarCheck.namedMonth(text.substring(start, end)) ? base : -1;
            case CLOCK -> clockScore(text, start, end, base);
        };
    }

    /** A bare H:MM is a medium signal; seconds, am/pm or a zone make it a clear time. */
    private static double clockScore(String text, int start, int end, double base) {
        int colons = 0;
        boolean letters = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            colons += c == ':' ? 1 : 0;
            letters |= c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c == '+' : Character.isLetter(c);
        }
        return colons >= 2 || letters ? Math.max(base, 0.6) : base;
    }

    /** Context words for a rule. */
    public static Set<String> contextWords(Context c) {
        return switch (c) {
            case STRONG -> STRONG_WORDS;
            case TEMPORAL -> TEMPORAL_WORDS;
            case EXPIRY -> EXPIRY_WORDS;
        };
    }
}
