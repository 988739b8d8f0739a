package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Explicit dates and times: ISO 8601, numeric day/month/year in either order, dates with month names
 * (English, with an optional weekday), and clock times. Relative expressions ("last week") are not covered.
 * Numeric dates must name a real calendar day in at least one reading (d/m/y or m/d/y).
 */
public final class DateTimeRecognizer extends PatternRecognizer {

    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
    private static final String WEEKDAY = "(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?";
    private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:1[89]|20)\\d{2}";
    private static final String CLOCK = "(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?";
    private static final String ZONE = "(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d)?";

    /** A weekday name or a day number starts the match. */
    private static final StartGate WEEKDAY_OR_DAY = StartGate.first(StartGate.Chars.DIGIT.or(StartGate.Chars.of("MTWFS")),
            StartGate.Chars.WORD).withCharAt(1, StartGate.Chars.DIGIT.or(StartGate.Chars.of(" snrtoehrau")));
    /** A weekday or a month name starts the match. */
    private static final StartGate WEEKDAY_OR_MONTH = StartGate.first(StartGate.Chars.of("JFMASONDTW"), StartGate.Chars.WORD)
            .withCharAt(1, StartGate.Chars.of("aeupcohr"));

    public DateTimeRecognizer() {
        super("DateTimeRecognizer", Entities.DATE_TIME, List.of(
                Pattern.jdk("iso date-time", "(?<![\\w-])" + YEAR + "-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])"
                        + "(?:[T ]" + CLOCK + ZONE + ")?(?![\\w:-])", 0.85, StartGate.DIGIT_WORD_START),
                Pattern.jdk("numeric date", "(?<![\\w./-])\\d{1,2}[./-]\\d{1,2}[./-]" + YEAR + "(?![\\w/-]|[.:]\\d)", 0.6, StartGate.DIGIT_WORD_START),
                Pattern.jdk("numeric date, short year", "(?<![\\w./-])\\d{1,2}/\\d{1,2}/\\d{2}(?![\\w/-]|[.:]\\d)", 0.5,
                        StartGate.DIGIT_WORD_START),
                Pattern.jdk("day month year", "(?<!\\w)" + WEEKDAY + DAY + " (?:of )?" + MONTH + ",? " + YEAR + "(?!\\w)", 0.85, WEEKDAY_OR_DAY),
                Pattern.jdk("month day year", "(?<!\\w)" + WEEKDAY + MONTH + " " + DAY + "(?:,? " + YEAR + ")?(?!\\w)", 0.7, WEEKDAY_OR_MONTH),
                Pattern.jdk("day month", "(?<!\\w)" + WEEKDAY + DAY + " (?:of )?" + MONTH + "(?![\\w.])", 0.6, WEEKDAY_OR_DAY),
                Pattern.jdk("month year", "(?<!\\w)" + MONTH + ",? " + YEAR + "(?!\\w)", 0.6, WEEKDAY_OR_MONTH),
                Pattern.jdk("clock time", "(?<![\\w:.])" + CLOCK + "(?:\\s?(?:[AaPp]\\.?[Mm]\\.?))?" + "(?![\\w:]|\\.\\d)", 0.6, StartGate.DIGIT_WORD_START),
                Pattern.jdk("hour am/pm", "(?<![\\w:.])(?:1[0-2]|0?[1-9])\\s?(?:am|pm|AM|PM|a\\.m\\.|p\\.m\\.)(?!\\w)", 0.6, StartGate.DIGIT_WORD_START)),
                Set.of("date", "born", "birthday", "dob", "birth", "time", "appointment", "deadline", "scheduled"));
    }

    @Override
    protected Validation validate(String candidate) {
        String[] parts = candidate.split("[./-]");
        if (parts.length != 3 || !allDigits(parts) || candidate.indexOf(':') >= 0 || parts[0].length() == 4) {
            return Validation.NOT_APPLICABLE;
        }
        char sep = candidate.charAt(parts[0].length());
        if (candidate.charAt(parts[0].length() + 1 + parts[1].length()) != sep) {
            return Validation.INVALID;
        }
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[1]);
        return realDay(a, b) || realDay(b, a) ? Validation.NOT_APPLICABLE : Validation.INVALID;
    }

    private static boolean allDigits(String[] parts) {
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean realDay(int day, int month) {
        int[] maxDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return month >= 1 && month <= 12 && day >= 1 && day <= maxDays[month - 1];
    }
}
