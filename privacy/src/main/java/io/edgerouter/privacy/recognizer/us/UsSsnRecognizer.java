package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US Social Security numbers. The dashed form is a medium signal (0.5), other forms are weak; numbers the SSA
 * never issues (area 000, 666 or 9xx, group 00, serial 0000, mixed separators, well-known sample numbers) are
 * discarded. "SSN" or "social security" nearby raises the score.
 */
public final class UsSsnRecognizer extends PatternRecognizer {

    private static final Set<String> SAMPLES = Set.of("123456789", "078051120", "219099999", "111111111");

    public UsSsnRecognizer() {
        super("UsSsnRecognizer", Entities.US_SSN, List.of(
                Pattern.jdk("ssn dashed (medium)", "(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w-])", 0.5, StartGate.DIGIT_WORD_START),
                Pattern.jdk("ssn spaced or dotted (weak)", "(?<![\\w.])\\d{3}[ .]\\d{2}[ .]\\d{4}(?![\\w]|[ .]\\d)", 0.3, StartGate.DIGIT_WORD_START),
                Pattern.jdk("ssn digits (very weak)", "(?<![\\w-])\\d{9}(?![\\w-])", 0.05, StartGate.DIGIT_WORD_START)),
                Set.of("ssn", "ssns", "social", "security", "ss#", "ssid"));
    }

    @Override
    protected Validation validate(String candidate) {
        String digits = candidate.replaceAll("[ .-]", "");
        if (digits.length() != 9) {
            return Validation.INVALID;
        }
        if (candidate.length() == 11 && candidate.charAt(3) != candidate.charAt(6)) {
            return Validation.INVALID;
        }
        String area = digits.substring(0, 3);
        if (area.equals("000") || area.equals("666") || area.charAt(0) == '9'
                || digits.startsWith("00", 3) || digits.endsWith("0000") || SAMPLES.contains(digits)) {
            return Validation.INVALID;
        }
        return Validation.NOT_APPLICABLE;
    }
}
