package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US Social Security numbers (entity {@code US_SSN}), with Presidio's patterns and rules.
 *
 * <p>Formats: {@code AAA-GG-SSSS}, {@code AAA.GG.SSSS} and {@code AAA GG SSSS} (one separator used twice) are a
 * medium signal (0.5); the shapes people produce when they mistype or reformat one, {@code AAAGG-SSSS},
 * {@code AAA-GGSSSS} and nine bare digits, are very weak (0.05). Presidio also lists the dashed form once more as
 * very weak; the medium pattern always finds that same span with the higher score, so it is not repeated here.
 *
 * <p>No checksum exists. Discarded, whatever the format: mixed separators ({@code 536-22.8726}), nine equal
 * digits, group 00, serial 0000, area 000 or 666, and numbers starting with the published samples 123456789,
 * 98765432 and 078051120. Like Presidio, areas 900-999 are <em>not</em> discarded (the SSA never issued them,
 * but a 9xx number written as an SSN is still worth masking; {@link UsItinRecognizer} scores ITIN-shaped ones).
 *
 * <p>Context ("ssn", "social security", "ssid") adds 0.35 (floor 0.4): 0.5 → 0.85, 0.05 → 0.4.
 */
public final class UsSsnRecognizer extends PatternRecognizer {

    static final String NAME = "UsSsnRecognizer";
    private static final String S = Bounds.NUMBER_START;
    private static final String E = Bounds.NUMBER_END;
    private static final StartGate.Chars DIGIT = StartGate.Chars.DIGIT;
    private static final StartGate GATE = Bounds.DIGIT.withRun(DIGIT, 3);

    public UsSsnRecognizer() {
        super(NAME, Entities.US_SSN, List.of(
                Pattern.jdk("SSN 3-2-4 one separator (medium)", S + "\\d{3}([- .])\\d{2}\\1\\d{4}" + E, 0.5,
                        GATE.withCharAt(3, StartGate.Chars.of("- ."))),
                Pattern.jdk("SSN 5-4 (very weak)", S + "\\d{5}-\\d{4}" + E, 0.05, Bounds.DIGIT.withRun(DIGIT, 5)),
                Pattern.jdk("SSN 3-6 (very weak)", S + "\\d{3}-\\d{6}" + E, 0.05,
                        GATE.withCharAt(3, StartGate.Chars.of("-"))),
                Pattern.jdk("SSN nine digits (very weak)", S + "\\d{9}" + E, 0.05, Bounds.DIGIT.withRun(DIGIT, 9))),
                Set.of("social", "security", "ssn", "ssns", "ssid"));
    }

    @Override
    protected Validation validate(String candidate) {
        return isImpossible(candidate) ? Validation.INVALID : Validation.NOT_APPLICABLE;
    }

    /** Presidio's invalidation rules for a matched SSN candidate. */
    static boolean isImpossible(String candidate) {
        char separator = 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c == '-' || c == '.' || c == ' ') {
                if (separator != 0 && separator != c) {
                    return true; // mixed separators
                }
                separator = c;
            }
        }
        String d = Bounds.digits(candidate);
        if (d.length() != 9 || d.chars().allMatch(c -> c == d.charAt(0))) {
            return true;
        }
        if (d.startsWith("00", 3) || d.startsWith("0000", 5)) {
            return true; // group or serial all zeros
        }
        return d.startsWith("000") || d.startsWith("666") || d.startsWith("123456789") || d.startsWith("98765432")
                || d.startsWith("078051120");
    }
}
