package io.edgerouter.privacy.recognizer.uk;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * NHS numbers (England, Wales, Isle of Man): ten digits, usually printed 3-3-4, whose last digit is a
 * modulus-11 check digit. A passing check gives 0.5 rather than certainty because one in eleven random
 * ten-digit numbers (phone numbers included) also passes; "NHS" or "patient" nearby raises it.
 */
public final class UkNhsRecognizer extends PatternRecognizer {

    public UkNhsRecognizer() {
        super("UkNhsRecognizer", Entities.UK_NHS, List.of(
                Pattern.jdk("nhs (medium)", "(?<![\\w-])\\d{3}([- ]?)\\d{3}\\1\\d{4}(?![\\w-]| \\d)", 0.3, StartGate.DIGIT_WORD_START)),
                Set.of("nhs", "national", "health", "patient", "gp", "hospital"));
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replace(" ", "").replace("-", "");
        return d.length() == 10 && checkDigitValid(d) ? Validation.VALID : Validation.INVALID;
    }

    @Override
    protected double validatedScore() {
        return 0.5;
    }

    public static boolean checkDigitValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (tenDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == tenDigits.charAt(9) - '0';
    }
}
