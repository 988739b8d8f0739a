package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Payment card numbers, as Presidio's CreditCardRecognizer finds them.
 *
 * <p>Formats: 13-19 digits, compact or grouped by single spaces or dashes anywhere (4-4-4-4, Amex 4-6-5, 4-4-4-4-3).
 * Check: a known issuer prefix (Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Diners 30[0-5]/36/38,
 * Discover 6011/644-649/65, JCB 35, UnionPay 62, Maestro 50/56-58/67, Dankort 5019, UATP 1 with 15 digits) and
 * the Luhn checksum. Ladder: pattern 0.3 (Presidio's), Luhn and prefix pass 1.0, otherwise dropped, as in
 * Presidio. Context: "card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment" and Presidio's
 * "discover", "jcb", "diners", "maestro", "instapayment".
 *
 * <p>Differences from Presidio: Presidio accepts any number starting with 3 or 6 (we only the issuers' ranges)
 * and 13-17 digits in 4-(3|4)-(3|4)-(3-5) groups; we also accept 18-19 digit cards, 2-series Mastercard and
 * other groupings.
 */
public final class CreditCardRecognizer extends PatternRecognizer {

    private static final String REGEX = "(?<![\\d+-])(?:\\d[ -]?+){12,18}\\d(?![\\d-]|[.,]\\d)";

    public CreditCardRecognizer() {
        super("CreditCardRecognizer", Entities.CREDIT_CARD, List.of(Pattern.jdk("all credit cards (weak)", REGEX, 0.3,
                        StartGate.first(StartGate.Chars.DIGIT, StartGate.Chars.of("0123456789+-"))
                                .withRun(StartGate.Chars.DIGIT.or(StartGate.Chars.of(" -")), 13))),
                Set.of("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment", "discover", "jcb", "diners",
                        "maestro", "instapayment"));
    }

    @Override
    protected Validation validate(String candidate) {
        String digits = candidate.replace(" ", "").replace("-", "");
        if (digits.length() < 13 || digits.length() > 19 || !knownIssuer(digits)) {
            return Validation.INVALID;
        }
        return luhnValid(digits) ? Validation.VALID : Validation.INVALID;
    }

    /** Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, UATP prefixes. */
    static boolean knownIssuer(String d) {
        if (d.charAt(0) == '1') {
            return d.length() == 15; // UATP (airline cards): always 15 digits
        }
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return d.charAt(0) == '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)
                || two == 34 || two == 37 || two == 36 || two == 38 || (two == 30 && d.charAt(2) <= '5')
                || d.startsWith("6011") || d.startsWith("65") || (four >= 6440 && four <= 6499)
                || two == 35 || two == 62 || two == 50 || (two >= 56 && two <= 58) || d.startsWith("67");
    }

    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
