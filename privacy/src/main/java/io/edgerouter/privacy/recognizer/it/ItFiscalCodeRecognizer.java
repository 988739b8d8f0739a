package io.edgerouter.privacy.recognizer.it;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Italian fiscal codes (codice fiscale) of persons: 16 characters, {@code RSSMRA85T10A562S}: three letters
 * for the surname and three for the name (consonants first, then vowels, then X padding), two year digits, a
 * month letter (A B C D E H L M P R S T), two day digits (plus 40 for women), a municipality code (a letter and
 * three digits; Z for a foreign country) and a control letter. Lower case is accepted, as in Presidio.
 *
 * <p>Omocodia: when two people would share a code, digits are replaced from the right by L M N P Q R S T U V
 * (for 0-9). Replacements must form a suffix of the seven digit positions; stricter than Presidio, the first
 * year digit must be a real digit (seven substitutions never occur in practice), so no word of ordinary letters
 * can take this shape. The decoded date must exist (29 February only in years divisible by 4, 31 only in long
 * months), the municipality number must not be 000 and a foreign-country code (Z) is Z100-Z999.
 *
 * <p>Check: characters in odd positions (1st, 3rd...) map through the odd table (0/A=1, 1/B=0, 2/C=5, ...),
 * even positions count 0-9 / A-Z as 0-25; the sum modulo 26 gives the control letter A-Z.
 *
 * <p>Ladder: the shape is 0.3 (Presidio's), a matching control letter gives 1.0; a wrong one drops the match
 * (Presidio keeps it at 0.3). Context: "codice fiscale", "cf" and "tessera sanitaria".
 */
public final class ItFiscalCodeRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String IT_FISCAL_CODE = "IT_FISCAL_CODE";

    /** Odd-position values of 0-9 and of A-Z. */
    private static final int[] ODD_DIGIT = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
    private static final int[] ODD_LETTER = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
        14, 16, 10, 22, 25, 24, 23};
    /** Letters standing for the digits 0-9 in omocodic codes. */
    private static final String OMOCODIA = "LMNPQRSTUV";
    /** Positions (0-based) that hold digits in a code without substitutions, left to right. */
    private static final int[] DIGIT_POSITIONS = {6, 7, 9, 10, 12, 13, 14};
    private static final String MONTHS = "ABCDEHLMPRST";
    private static final int[] MONTH_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private static final StartGate.Chars LETTER =
            StartGate.Chars.of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static final String TRIPLE = "(?:[A-Z][AEIOU][AEIOUX]|[AEIOU]XX|[B-DF-HJ-NP-TV-Z]{2}[A-Z])";
    private static final String DIGIT = "[0-9LMNP-V]";

    public ItFiscalCodeRecognizer() {
        super("ItFiscalCodeRecognizer", IT_FISCAL_CODE, List.of(
                Pattern.jdk("fiscal code (weak)", "(?i)(?<![\\w-])" + TRIPLE + "{2}[0-9]" + DIGIT + "[ABCDEHLMPRST]"
                        + DIGIT + "{2}[A-Z]" + DIGIT + "{3}[A-Z](?![\\w-])", 0.3,
                        StartGate.first(LETTER, StartGate.Chars.WORD).withCharAt(6, StartGate.Chars.DIGIT)
                                .withCharAt(8, LETTER).withCharAt(15, LETTER))),
                Set.of("codice", "fiscale", "cf", "tessera", "sanitaria"));
    }

    @Override
    protected Validation validate(String candidate) {
        String code = candidate.toUpperCase(Locale.ROOT);
        return code.length() == 16 && substitutionsFormSuffix(code) && dateAndPlaceExist(code)
                && controlLetter(code) == code.charAt(15) ? Validation.VALID : Validation.INVALID;
    }

    private static boolean substitutionsFormSuffix(String code) {
        boolean substituted = false;
        for (int p : DIGIT_POSITIONS) {
            boolean letter = !Character.isDigit(code.charAt(p));
            if (substituted && !letter) {
                return false; // a real digit to the right of a replaced one
            }
            substituted |= letter;
        }
        return true;
    }

    private static int digit(char c) {
        return Character.isDigit(c) ? c - '0' : OMOCODIA.indexOf(c);
    }

    private static int number(String code, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + digit(code.charAt(i));
        }
        return n;
    }

    private static boolean dateAndPlaceExist(String code) {
        int year = number(code, 6, 8);
        int month = MONTHS.indexOf(code.charAt(8));
        int day = number(code, 9, 11);
        if (day > 40) {
            day -= 40;
        }
        int maxDay = month == 1 && year % 4 != 0 ? 28 : MONTH_DAYS[month];
        if (day < 1 || day > maxDay) {
            return false;
        }
        char place = code.charAt(11);
        int town = number(code, 12, 15);
        return place <= 'M' ? town != 0 : place == 'Z' && town >= 100;
    }

    static char controlLetter(String code) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = code.charAt(i);
            boolean isDigit = c >= '0' && c <= '9';
            if (i % 2 == 0) {
                sum += isDigit ? ODD_DIGIT[c - '0'] : ODD_LETTER[c - 'A'];
            } else {
                sum += isDigit ? c - '0' : c - 'A';
            }
        }
        return (char) ('A' + sum % 26);
    }
}
