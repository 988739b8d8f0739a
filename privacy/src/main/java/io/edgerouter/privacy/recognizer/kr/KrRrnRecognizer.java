package io.edgerouter.privacy.recognizer.kr;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Korean Resident Registration Numbers (RRN): {@code YYMMDD-GSSSSSC} or the thirteen digits run together. YYMMDD is
 * the birth date, G the sex and century digit (1, 2: born 1900-1999; 3, 4: born 2000-2099).
 *
 * <p>Checks: the birth date must exist in the century G names (stricter than Presidio, which only bounds month and
 * day), otherwise the candidate is dropped. Numbers issued before October 2020 end in a check digit,
 * {@code (11 - sum(digit * 2,3,4,5,6,7,8,9,2,3,4,5) mod 11) mod 10}, and carry a region code (digits 8-9) of at
 * most 95; newer numbers end in random digits, so a failing check cannot drop the candidate.
 *
 * <p>Ladder, as Presidio's: 0.5 for the shape with a real date, 1.0 when region code and check digit pass;
 * "RRN", "resident" or the Korean 주민등록번호 nearby raise the 0.5.
 */
public final class KrRrnRecognizer extends PatternRecognizer {

    public static final String ENTITY = "KR_RRN";

    private static final int[] WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

    public KrRrnRecognizer() {
        super("KrRrnRecognizer", ENTITY, List.of(
                Pattern.jdk("rrn (medium)",
                        "(?<![\\w-])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])-?[1-4]\\d{6}(?![\\w-])", 0.5,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 6))),
                Set.of("rrn", "rrn#", "resident", "주민등록번호", "주민번호", "주민등록"));
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replace("-", "");
        if (d.length() != 13 || !birthDateExists(d)) {
            return Validation.INVALID;
        }
        int region = Integer.parseInt(d.substring(7, 9));
        return region <= 95 && checkDigitValid(d) ? Validation.VALID : Validation.NOT_APPLICABLE;
    }

    static boolean birthDateExists(String d) {
        int century = switch (d.charAt(6)) {
            case '1', '2' -> 1900;
            case '3', '4' -> 2000;
            default -> -1;
        };
        if (century < 0) {
            return false;
        }
        try {
            LocalDate.of(century + Integer.parseInt(d.substring(0, 2)), Integer.parseInt(d.substring(2, 4)),
                    Integer.parseInt(d.substring(4, 6)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean checkDigitValid(String d) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (d.charAt(i) - '0') * WEIGHTS[i];
        }
        return (11 - sum % 11) % 10 == d.charAt(12) - '0';
    }
}
