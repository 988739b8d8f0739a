package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US DEA registration numbers (entity {@code MEDICAL_LICENSE}), as in Presidio's medical licence recognizer.
 *
 * <p>Format: a registrant-type letter (A-H, J-M, P, R-U, X), then the first letter of the registrant's surname or
 * the digit 9 (businesses), then seven digits; letters in either case. The seventh digit is a check digit: the sum
 * of digits 1, 3 and 5 plus twice the sum of digits 2, 4 and 6 ends in it.
 *
 * <p>Ladder: the pattern alone is 0.4; a passing check digit gives 1.0 and a failing one drops the match (so
 * context words "medical", "certificate", "dea" never change a reported score). Unlike Presidio's pattern, which
 * has no word boundaries, a match must be a whole token: {@code XAB1234563} or {@code AB12345634} report nothing.
 */
public final class MedicalLicenseRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String MEDICAL_LICENSE = "MEDICAL_LICENSE";

    private static final String TYPE = "[A-HJ-MPR-UX]";

    public MedicalLicenseRecognizer() {
        super("MedicalLicenseRecognizer", MEDICAL_LICENSE, List.of(
                Pattern.jdk("USA DEA Certificate Number (weak)",
                        "(?i)" + Bounds.WORD_START + TYPE + "[A-Z9]\\d{7}" + Bounds.NUMBER_END, 0.4,
                        Bounds.LETTER_START.withCharAt(2, StartGate.Chars.DIGIT)
                                .withRun(Bounds.LETTER.or(StartGate.Chars.DIGIT), 9))),
                Set.of("medical", "certificate", "dea"));
    }

    @Override
    protected Validation validate(String candidate) {
        return checkDigitValid(candidate) ? Validation.VALID : Validation.INVALID;
    }

    /** The DEA check on a 9-character registration number (two leading characters, seven digits). */
    static boolean checkDigitValid(String dea) {
        if (dea.length() != 9) {
            return false;
        }
        int odd = 0;
        int even = 0;
        for (int i = 0; i < 6; i++) {
            int d = dea.charAt(2 + i) - '0';
            if (i % 2 == 0) {
                odd += d;
            } else {
                even += d;
            }
        }
        return (odd + 2 * even) % 10 == dea.charAt(8) - '0';
    }
}
