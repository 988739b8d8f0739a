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
     */
    public record Rule(Pattern pattern, Context context, Check check, boolean numeric, String[] needs) {

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
    }

    /** Which ASCII characters occur in {@code text} (one pass; for {@link Rule#possibleIn}). */
    public static boolean[] asciiPresent(String text) {
        boolean[] present = new boolean[128];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                present[c] = true;
            }
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
        StringBuilder sb = new StringBuilder("(?:");
        for (String w : ws) {
            if (sb.length() > 3) {
                sb.append('|');
            }
            char c = w.charAt(0);
            sb.append('[').append(Character.toUpperCase(c)).append(c).append(']').append(w, 1, w.length());
        }
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

    private static final List<Rule> RULES = build();

    public static List<Rule> rules() {
        return RULES;
    }

    private static Rule rule(String name, String regex, double score, StartGate gate, Context c, Check check,
                             boolean numeric, String... needs) {
        return new Rule(Pattern.jdk(name, regex, score, gate), c, check, numeric, needs);
    }

    private static List<Rule> build() {
        List<Rule> r = new ArrayList<>();
        // ISO 8601 and other year-first forms
        r.add(rule("iso 8601 date-time", NUM_START + "[12]\\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])"
                + "(?:T(?:[01]\\d|2[0-3])| (?:[01]?\\d|2[0-3])):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,9})?)?"
                + "(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d|" + AMPM + "|" + ZONE + ")?" + TIME_END,
                0.8, YEAR4_DASH, Context.TEMPORAL, Check.YEAR_MONTH_DAY, true, "-", ":"));
        r.add(rule("iso date yyyy-mm-dd", NUM_START + "[12]\\d{3}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])" + NUM_END,
                0.7, YEAR4_DASH, Context.TEMPORAL, Check.YEAR_MONTH_DAY, true, "-"));
        r.add(rule("yyyy/mm/dd or yyyy.mm.dd", NUM_START + "[12]\\d{3}(?:/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])"
                + "|\\.(?:0[1-9]|1[0-2])\\.(?:0[1-9]|[12]\\d|3[01]))" + NUM_END,
                0.6, YEAR4.withCharAt(4, Chars.of("/.")), Context.TEMPORAL, Check.YEAR_MONTH_DAY, true, "/."));
        r.add(rule("yyyymmdd (weak)", NUM_START + "(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"
                + "(?:T(?:[01]\\d|2[0-3])[0-5]\\d(?:[0-5]\\d)?Z?)?" + NUM_END,
                0.3, DIGIT.withRun(Chars.DIGIT, 8), Context.STRONG, Check.YEAR_MONTH_DAY, true));
        // day and month as numbers
        r.add(rule("d/m/yyyy, m/d/yyyy, d-m-yyyy, d.m.yyyy", NUM_START + "\\d{1,2}([/.-])\\d{1,2}\\1" + YEAR_NUM + NUM_END,
                0.6, sepWithin(DIGIT, 2, "/.-"), Context.TEMPORAL, Check.NUMERIC, true, "/.-"));
        r.add(rule("d/m/yy, m/d/yy, d.m.yy", NUM_START + "\\d{1,2}([/.])\\d{1,2}\\1\\d{2}" + NUM_END,
                0.6, sepWithin(DIGIT, 2, "/."), Context.TEMPORAL, Check.NUMERIC, true, "/."));
        r.add(rule("d-m-yy (weak)", NUM_START + "\\d{1,2}-\\d{1,2}-\\d{2}" + NUM_END,
                0.35, sepWithin(DIGIT, 2, "-"), Context.STRONG, Check.NUMERIC, true, "-"));
        r.add(rule("mm/yyyy (weak)", NUM_START + "(?:0?[1-9]|1[0-2])/" + YEAR_NUM + NUM_END,
                0.2, sepWithin(DIGIT, 2, "/"), Context.EXPIRY, Check.NONE, true, "/"));
        r.add(rule("mm/yy (very weak)", NUM_START + "(?:0?[1-9]|1[0-2])/\\d{2}" + NUM_END,
                0.1, sepWithin(DIGIT, 2, "/"), Context.EXPIRY, Check.NONE, true, "/"));
        // month names
        r.add(rule("day month year", WORD_START + WD_PREFIX + DAY + "(?: of)? " + MONTH + ",? " + YEAR_NAMED + NUM_END,
                0.8, dayLed(), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS));
        r.add(rule("month day year", WORD_START + WD_PREFIX + MONTH + " (?:the )?" + DAY + ",? " + YEAR_NAMED + NUM_END,
                0.8, letters(MONTH_FIRST + WEEKDAY_FIRST).withCharWithin(3, 32, Chars.DIGIT), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS));
        r.add(rule("dd-mmm-yyyy, dd-mmm", WORD_START + DAY + "-" + MONTH + "(?:-(?:[12]\\d{3}|\\d{2}))?" + NUM_END,
                0.6, StartGate.first(Chars.DIGIT, Chars.WORD.or(Chars.of("-"))).withCharWithin(1, 4, Chars.of("-")), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS, "-"));
        r.add(rule("month day", WORD_START + WD_PREFIX + MONTH + " (?:the )?" + DAY + "(?![\\w:]|[.,/-]\\d)",
                0.6, letters(MONTH_FIRST + WEEKDAY_FIRST).withCharWithin(3, 32, Chars.DIGIT), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS));
        r.add(rule("day month", WORD_START + WD_PREFIX + DAY + "(?: of)? " + MONTH + WORD_END,
                0.6, dayLed(), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS));
        r.add(rule("month year, mmm-yy", WORD_START + MONTH + "(?:,? | of |-)" + YEAR_NAMED + NUM_END,
                0.6, letters(MONTH_FIRST).withCharWithin(3, 14, Chars.DIGIT.or(Chars.of("'"))), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS + "'"));
        r.add(rule("mmm-yy", WORD_START + MONTH + "-\\d{2}" + NUM_END,
                0.6, letters(MONTH_FIRST).withCharWithin(3, 10, Chars.DIGIT), Context.TEMPORAL, Check.NAMED_MONTH, false, DIGITS, "-"));
        r.add(rule("part of a month or year", WORD_START + "(?:[Mm]id-?|[Ee]arly |[Ll]ate |(?:[Tt]he )?(?:end|beginning|start|middle) of )"
                + "(?:" + MONTH + "(?: " + YEAR_NAMED + ")?|" + YEAR_WORD + ")" + WORD_END,
                0.5, letters("MmEeLlTtbs").withCharAt(1, Chars.of("iahnet")), Context.TEMPORAL, Check.NONE, false));
        r.add(rule("quarter", WORD_START + "Q[1-4][ /-]?(?:19|20)\\d{2}" + NUM_END,
                0.5, letters("Q"), Context.TEMPORAL, Check.NONE, false, "Q"));
        r.add(rule("decade", NUM_START + "(?:1[89]|20)\\d0s" + WORD_END,
                0.5, YEAR4.withCharAt(4, Chars.of("s")), Context.TEMPORAL, Check.NONE, false, "s"));
        // a year on its own, introduced by a word that makes it a year
        r.add(rule("year after since/until/born in", "(?<!\\w)(?:" + lowerOrTitle("since", "until", "till", "during", "circa",
                "the year", "class of", "born", "born in", "founded in", "established in", "summer of", "winter of",
                "spring of", "autumn of", "fall of") + ") (?<span>" + YEAR_WORD + ")" + NUM_END + "(?! ?%)",
                0.5, lettersAfterWord("SsUuTtDdCcBbFfEeWwAa"), Context.TEMPORAL, Check.NONE, false, DIGITS));
        r.add(rule("year after in/by/from (weak)", "(?<!\\w)" + lowerOrTitle("in", "by", "from", "before", "after")
                + " (?<span>" + YEAR_WORD + ")" + NUM_END + "(?! ?%)",
                0.35, lettersAfterWord("IiBbFfAa"), Context.STRONG, Check.NONE, false, DIGITS));
        // clock times
        r.add(rule("clock time", TIME_START + CLOCK + AMPM + "?" + ZONE + "?" + TIME_END,
                0.45, sepWithin(TIME_DIGIT, 2, ":"), Context.TEMPORAL, Check.CLOCK, false, ":"));
        r.add(rule("hour with am/pm or o'clock", TIME_START + HOUR12 + "(?:" + AMPM + "| o'clock)" + ZONE + "?" + TIME_END,
                0.6, TIME_DIGIT.withCharWithin(1, 3, Chars.of("apAPo")), Context.TEMPORAL, Check.NONE, false, "mM'"));
        r.add(rule("noon, midnight", "(?<!\\w)" + lowerOrTitle("at", "by", "until", "till", "around", "before", "after", "from")
                + " (?<span>noon|midnight|midday)" + WORD_END,
                0.5, lettersAfterWord("AaBbUuTtFf"), Context.TEMPORAL, Check.NONE, false, "nN"));
        // relative days, with and without a time
        r.add(rule("day reference with time", WORD_START + DAY_REF + CONNECT + TIME + TIME_END,
                0.7, letters("TtYyNnLlCcPp" + WEEKDAY_FIRST).withCharWithin(0, 40, Chars.DIGIT), Context.TEMPORAL, Check.NONE, false, DIGITS));
        r.add(rule("day reference at hour", WORD_START + DAY_REF + ",? (?:at|around|by) " + HOUR12 + TIME_END,
                0.6, letters("TtYyNnLlCcPp" + WEEKDAY_FIRST).withCharWithin(0, 40, Chars.DIGIT), Context.TEMPORAL, Check.NONE, false, DIGITS));
        r.add(rule("time then day", TIME_START + TIME + " (?:on |this )?(?:" + REL_DAY + "|" + WEEKDAY_NAME + ")" + WORD_END,
                0.7, TIME_DIGIT.withCharWithin(1, 3, Chars.of(":apAP"))
                        .withCharWithin(4, 72, Chars.of("TtYyMWFSmwfs")), Context.TEMPORAL, Check.NONE, false, DIGITS));
        r.add(rule("this/next/last weekday", WORD_START + NEAR + " " + WEEKDAY_NAME + WORD_END,
                0.5, letters("TtNnLlCcPp"), Context.TEMPORAL, Check.NONE, false, "yY"));
        r.add(rule("weekday after on/by/until", "(?<!\\w)" + lowerOrTitle("on", "by", "until", "till", "every", "since",
                "from", "next", "this") + " (?<span>" + WEEKDAY_NAME + "s?)" + WORD_END,
                0.5, lettersAfterWord("OoBbUuTtEeSsFfNn").withCharWithin(3, 6, Chars.of(WEEKDAY_FIRST)), Context.TEMPORAL, Check.NONE, false, "yY"));
        r.add(rule("weekday (weak)", WORD_START + WEEKDAY_NAME + WORD_END,
                0.3, letters(WEEKDAY_FIRST), Context.TEMPORAL, Check.NONE, false, "yY"));
        r.add(rule("today, tomorrow, yesterday, tonight (weak)", WORD_START + "(?:" + lowerOrTitle("the day after tomorrow",
                "the day before yesterday") + "|" + REL_DAY + "(?: " + DAY_PART + ")?)" + WORD_END,
                0.35, letters("TtYy"), Context.STRONG, Check.NONE, false));
        r.add(rule("this/next/last week, month... (weak)", WORD_START + NEAR + " (?:week(?:end)?|month|year|quarter"
                + "|decade|century|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)" + WORD_END,
                0.35, letters("TtNnLlCcPp"), Context.STRONG, Check.NONE, false));
        r.add(rule("n units ago", WORD_START + "\\d{1,3} " + UNIT + " (?:ago|from now|later|earlier)" + WORD_END,
                0.45, StartGate.first(Chars.DIGIT, Chars.WORD.or(Chars.of("-"))).withCharWithin(2, 4, Chars.of("smhdwfy")),
                Context.STRONG, Check.NONE, false, DIGITS));
        r.add(rule("n units ago (count in words)", WORD_START + COUNT_WORD + " " + UNIT + " (?:ago|from now|later|earlier)"
                + WORD_END, 0.45, letters("OoTtFfSsEeNnAa"), Context.STRONG, Check.NONE, false));
        r.add(rule("in n units (weak)", "(?<!\\w)[Ii]n " + COUNT + " " + UNIT + WORD_END,
                0.35, lettersAfterWord("Ii"), Context.STRONG, Check.NONE, false));
        return List.copyOf(r);
    }

    private DateTimeRules() {
    }

    /** The candidate's base score after its shape check, or -1 when the check rejects it. */
    public static double score(Rule rule, String candidate) {
        double base = rule.pattern().score();
        return switch (rule.check()) {
            case NONE -> base;
            case NUMERIC -> (candidate.indexOf('.') >= 0 ? CalendarCheck.dayMonthYear(candidate)
                    : CalendarCheck.eitherOrder(candidate)) ? base : -1;
            case YEAR_MONTH_DAY -> CalendarCheck.yearMonthDay(candidate) ? base : -1;
            case NAMED_MONTH -> CalendarCheck.namedMonth(candidate) ? base : -1;
            case CLOCK -> clockScore(candidate, base);
        };
    }

    /** A bare H:MM is a medium signal; seconds, am/pm or a zone make it a clear time. */
    private static double clockScore(String candidate, double base) {
        int colons = 0;
        boolean letters = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            colons += c == ':' ? 1 : 0;
            letters |= Character.isLetter(c) || c == '+';
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
