package io.edgerouter.privacy.recognizer.india;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Indian passport numbers: an upper-case letter and seven digits, the first and last digit not 0
 * ({@code J8369854}), sometimes printed with a space after the third character ({@code J83 69854}). No check digit.
 *
 * <p>Ladder, as Presidio's: 0.1 without context; "passport" nearby raises it to 0.45.
 */
public final class InPassportRecognizer extends PatternRecognizer {

    public static final String ENTITY = "IN_PASSPORT";

    public InPassportRecognizer() {
        super("InPassportRecognizer", ENTITY, List.of(
                Pattern.jdk("passport (weak)", "(?<![\\w-])[A-Z][1-9]\\d ?\\d{4}[1-9](?![\\w-])", 0.1,
                        StartGate.UPPER_WORD_START.withCharAt(1, StartGate.Chars.of("123456789")))),
                Set.of("passport", "passports"));
    }
}
