package io.edgerouter.privacy.recognizer.fi;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Finnish personal identity codes (henkilötunnus, HETU): {@code DDMMYY}, a century sign, a three-digit
 * individual number and a control character ({@code 150387-274C}, {@code 230804A6188}). Century signs: '+' for
 * the 1800s, '-' and (since 2023) Y, X, W, V, U for the 1900s, A and (since 2023) B, C, D, E, F for the 2000s.
 * The sign may be lower case, as Presidio's case-insensitive pattern allows; the control character may not,
 * because Presidio compares it with the upper-case alphabet.
 *
 * <p>Check: the nine digits {@code DDMMYYNNN} modulo 31 index {@code 0123456789ABCDEFHJKLMNPRSTUVWXY}. Stricter
 * than Presidio, the date is checked in the century the sign names (29 February 1900 is rejected).
 *
 * <p>Ladder (Presidio's): a code standing alone is 0.5; one glued to preceding letters ("is010594Y9032") is
 * 0.1; either becomes 1.0 when the check passes and is dropped when it fails. Unlike Presidio's unbounded weak
 * pattern, a code preceded by a digit or followed by a letter or digit is not reported.
 * Context: "hetu", "henkilötunnus", "personbeteckning" (Swedish), "personal identity code".
 */
public final class FiPersonalIdentityCodeRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String FI_PERSONAL_IDENTITY_CODE = "FI_PERSONAL_IDENTITY_CODE";

    private static final String CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final StartGate.Chars SIGN = StartGate.Chars.of("-+ABCDEFUVWXYabcdefuvwxy");
    private static final String BODY = "\\d{6}[-+A-FU-Ya-fu-y]\\d{3}[0-9A-FHJ-NPR-Y](?![\\w-])";

    public FiPersonalIdentityCodeRecognizer() {
        super("FiPersonalIdentityCodeRecognizer", FI_PERSONAL_IDENTITY_CODE, List.of(
                Pattern.jdk("hetu (medium)", "(?<![\\w-])" + BODY, 0.5, StartGate.DIGIT_WORD_START.withCharAt(6, SIGN)),
                Pattern.jdk("hetu after letters (very weak)", "(?<=[A-Za-z])" + BODY, 0.1,
                        StartGate.first(StartGate.Chars.DIGIT, StartGate.Chars.DIGIT.or(StartGate.Chars.of("_- ")))
                                .withCharAt(6, SIGN))),
                Set.of("hetu", "henkilötunnus", "henkilotunnus", "personbeteckning", "personbeteckningen",
                        "personal", "identity"));
    }

    @Override
    protected Validation validate(String candidate) {
        if (candidate.length() != 11 || date(candidate) == null) {
            return Validation.INVALID;
        }
        int number = Integer.parseInt(candidate.substring(0, 6) + candidate.substring(7, 10));
        return CONTROL.charAt(number % 31) == candidate.charAt(10) ? Validation.VALID : Validation.INVALID;
    }

    /** The birth date in the century named by the sign, or null when there is no such date. */
    static LocalDate date(String code) {
        char sign = Character.toUpperCase(code.charAt(6));
        int century = sign == '+' ? 1800 : sign == '-' || (sign >= 'U' && sign <= 'Y') ? 1900 : 2000;
        try {
            return LocalDate.of(century + Integer.parseInt(code.substring(4, 6)),
                    Integer.parseInt(code.substring(2, 4)), Integer.parseInt(code.substring(0, 2)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
