package io.edgerouter.privacy.recognizer.se;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer, day + 60):
 * a birth date {@code YYMMDD} or {@code YYYYMMDD}, an optional '-' or '+' and four digits, the last of which
 * is a Luhn check digit over the ten-digit form ({@code 850709-1232}, {@code 19850709-1232},
 * {@code 8507091232}, {@code 850769-1239}).
 *
 * <p>Checks: Luhn over the last ten digits (Presidio's) and a birth date that exists. Stricter than Presidio
 * (which only bounds month 1-12 and day 1-31): the day must exist in its month (29 February only in years
 * divisible by 4 for the short form, in real leap years for the long form), a long form must start with 18, 19
 * or 20 and not lie in the future, and the date part is exactly six or eight digits.
 *
 * <p>Ladder (Presidio's): a number standing alone is 0.5, one glued to preceding letters ("id is850709-1232")
 * 0.1; either becomes 1.0 when the checks pass and is dropped when they fail. Context: "personnummer",
 * "svenskt personnummer", "svensk id", "ssn", "personal identity number", "samordningsnummer", plus "pnr".
 */
public final class SePersonnummerRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String SE_PERSONNUMMER = "SE_PERSONNUMMER";

    private static final String BODY = "(?:\\d{8}|\\d{6})[-+]?\\d{4}(?![\\w-])";

    public SePersonnummerRecognizer() {
        super("SePersonnummerRecognizer", SE_PERSONNUMMER, List.of(
                Pattern.jdk("personnummer (medium)", "(?<![\\w-])" + BODY, 0.5,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 6)),
                Pattern.jdk("personnummer after letters (very weak)", "(?<=[A-Za-z])" + BODY, 0.1,
                        StartGate.first(StartGate.Chars.DIGIT, StartGate.Chars.DIGIT.or(StartGate.Chars.of("_- ")))
                                .withRun(StartGate.Chars.DIGIT, 6))),
                Set.of("personnummer", "svenskt", "svensk", "ssn", "personal", "identity", "samordningsnummer", "pnr"));
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replace("-", "").replace("+", "");
        if (d.length() != 10 && d.length() != 12) {
            return Validation.INVALID;
        }
        String ten = d.substring(d.length() - 10);
        return dateExists(d) && luhnValid(ten) ? Validation.VALID : Validation.INVALID;
    }

    private static boolean dateExists(String digits) {
        int month = Integer.parseInt(digits.substring(digits.length() - 8, digits.length() - 6));
        int day = Integer.parseInt(digits.substring(digits.length() - 6, digits.length() - 4));
        if (day > 60) {
            day -= 60; // samordningsnummer
        }
        try {
            if (digits.length() == 12) {
                int year = Integer.parseInt(digits.substring(0, 4));
                if (year < 1800 || year >= 2100) {
                    return false;
                }
                return !LocalDate.of(year, month, day).isAfter(LocalDate.now());
            }
            int yy = Integer.parseInt(digits.substring(0, 2));
            LocalDate.of(2000 + yy, month, day); // 2000 + yy: leap years exactly when yy % 4 == 0
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean luhnValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = tenDigits.charAt(i) - '0';
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        return sum % 10 == 0;
    }
}
