package io.edgerouter.privacy.recognizer.it;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Italian VAT numbers (partita IVA): eleven digits, which Presidio also accepts with a space or underscore
 * between any two of them ({@code 02748931561}, {@code 027 4893 1561}, {@code 02748931_561}).
 *
 * <p>Check (Luhn-like): digits in odd positions are summed as they are, digits in even positions are doubled
 * (minus 9 when above 9); the last digit is {@code (10 - sum % 10) % 10}. All zeros passes that check and is
 * rejected, as in Presidio.
 *
 * <p>Ladder: the shape is 0.1 (Presidio's), a passing check gives 1.0 (Presidio's), a failing one drops the match.
 * Stricter than Presidio: a form with spaces that passes the check keeps 0.1 (context raises it to 0.45),
 * because spaced groups are mostly phone numbers ({@code 020 7946 0990}) and one in ten passes the check; the
 * digits must not continue a longer digit group ({@code 5 02748931561}); and a leading '+' (an international
 * phone number) rules the match out. Context: "piva", "p.iva", "partita iva", "pi".
 */
public final class ItVatCodeRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String IT_VAT_CODE = "IT_VAT_CODE";

    public ItVatCodeRecognizer() {
        super("ItVatCodeRecognizer", IT_VAT_CODE, List.of(
                Pattern.jdk("vat code (very weak)",
                        "(?<![\\w+-])(?<!\\d[ _])\\d(?:[ _]?\\d){10}(?![\\w-]|[ _]\\d)", 0.1, StartGate.DIGIT_WORD_START)),
                Set.of("piva", "partita", "iva", "pi"));
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replace(" ", "").replace("_", "");
        if (d.length() != 11 || d.equals("00000000000") || !checkDigitValid(d)) {
            return Validation.INVALID;
        }
        return candidate.indexOf(' ') >= 0 ? Validation.NOT_APPLICABLE : Validation.VALID;
    }

    static boolean checkDigitValid(String elevenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = elevenDigits.charAt(i) - '0';
            if (i % 2 == 1) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        return (10 - sum % 10) % 10 == elevenDigits.charAt(10) - '0';
    }
}
