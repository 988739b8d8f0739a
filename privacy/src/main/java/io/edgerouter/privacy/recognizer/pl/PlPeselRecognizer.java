package io.edgerouter.privacy.recognizer.pl;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Polish PESEL numbers: eleven digits with no separators, {@code YYMMDDZZZXQ}. The month carries the century
 * (01-12: 1900s, 21-32: 2000s, 81-92: 1800s; Presidio's shape also admits 41-52 and 61-72 for 2100s and 2200s).
 *
 * <p>Checks: the weighted sum with weights 1,3,7,9,1,3,7,9,1,3 gives the last digit as
 * {@code (10 - sum % 10) % 10} (Presidio's check), and, stricter than Presidio, the encoded birth date must be a
 * real calendar date that is not in the future (so 2100s/2200s months and 31 April are rejected).
 *
 * <p>Ladder (Presidio's): the shape is 0.4, a passing check gives 1.0, a failing one drops the match.
 * Context: "PESEL", "numer", "ewidencyjny".
 */
public final class PlPeselRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String PL_PESEL = "PL_PESEL";

    private static final int[] WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

    public PlPeselRecognizer() {
        super("PlPeselRecognizer", PL_PESEL, List.of(
                Pattern.jdk("pesel (weak)",
                        "(?<![\\w-])\\d{2}(?:[02468][1-9]|[13579][012])(?:0[1-9]|[12]\\d|3[01])\\d{5}(?![\\w-])",
                        0.4, StartGate.DIGIT_WORD_START)),
                Set.of("pesel", "numer", "ewidencyjny"));
    }

    @Override
    protected Validation validate(String candidate) {
        return candidate.length() == 11 && checkDigitValid(candidate) && birthDate(candidate) != null
                ? Validation.VALID : Validation.INVALID;
    }

    static boolean checkDigitValid(String elevenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (elevenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return (10 - sum % 10) % 10 == elevenDigits.charAt(10) - '0';
    }

    /** The encoded birth date, or null when it is not a real past date. */
    static LocalDate birthDate(String digits) {
        int yy = Integer.parseInt(digits.substring(0, 2));
        int mm = Integer.parseInt(digits.substring(2, 4));
        int dd = Integer.parseInt(digits.substring(4, 6));
        int century;
        if (mm >= 81) {
            century = 1800;
        } else if (mm >= 21 && mm <= 32) {
            century = 2000;
        } else if (mm <= 12) {
            century = 1900;
        } else {
            return null; // 2100s and 2200s: not issued yet
        }
        try {
            LocalDate date = LocalDate.of(century + yy, (mm - 1) % 20 + 1, dd);
            return date.isAfter(LocalDate.now()) ? null : date;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
