package io.edgerouter.privacy.recognizer.it;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Italian passport numbers: two letters and seven digits ({@code YA4829175}), case-insensitive. The shape is
 * shared with the paper identity card and with many product codes, and there is no checksum.
 *
 * <p>Ladder (Presidio's): 0.01 without context; a context word raises it to the context floor, 0.4. Context
 * (Presidio's): "passaporto", "elettronico", "italiano", "viaggio", "viaggiare", "estero", "documento", "dogana".
 */
public final class ItPassportRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String IT_PASSPORT = "IT_PASSPORT";

    public ItPassportRecognizer() {
        super("ItPassportRecognizer", IT_PASSPORT, List.of(
                Pattern.jdk("passport (very weak)", "(?i)(?<![\\w-])[A-Z]{2}\\d{7}(?![\\w-])", 0.01,
                        StartGate.ALNUM_WORD_START.withCharAt(2, StartGate.Chars.DIGIT))),
                Set.of("passport", "passaporto", "elettronico", "italiano", "viaggio", "viaggiare", "estero", "documento", "dogana"));
    }
}
