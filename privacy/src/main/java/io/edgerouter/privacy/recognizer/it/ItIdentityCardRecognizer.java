package io.edgerouter.privacy.recognizer.it;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Italian identity card numbers, case-insensitive: the paper card, two letters and seven digits with an
 * optional space ({@code AT 4829175}); the electronic card (CIE) 2.0, seven digits and two letters
 * ({@code 4829175AB}); CIE 3.0, two letters, five digits and two letters ({@code CA48291FK}). No checksum.
 *
 * <p>Ladder (Presidio's): every form is 0.01 without context; a context word raises it to 0.4. Context
 * (Presidio's): "carta", "identità", "elettronica", "cie", "documento", "riconoscimento", "espatrio".
 */
public final class ItIdentityCardRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String IT_IDENTITY_CARD = "IT_IDENTITY_CARD";

    private static final StartGate.Chars LETTER =
            StartGate.Chars.of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public ItIdentityCardRecognizer() {
        super("ItIdentityCardRecognizer", IT_IDENTITY_CARD, List.of(
                Pattern.jdk("paper identity card (very weak)", "(?i)(?<![\\w-])[A-Z]{2}\\s?\\d{7}(?![\\w-])", 0.01,
                        StartGate.ALNUM_WORD_START.withCharAt(1, LETTER)),
                Pattern.jdk("cie 2.0 (very weak)", "(?i)(?<![\\w-])\\d{7}[A-Z]{2}(?![\\w-])", 0.01,
                        StartGate.DIGIT_WORD_START.withCharAt(6, StartGate.Chars.DIGIT).withCharAt(7, LETTER)),
                Pattern.jdk("cie 3.0 (very weak)", "(?i)(?<![\\w-])[A-Z]{2}\\d{5}[A-Z]{2}(?![\\w-])", 0.01,
                        StartGate.ALNUM_WORD_START.withCharAt(2, StartGate.Chars.DIGIT))),
                Set.of("identity", "carta", "identità", "identita", "elettronica", "cie", "documento", "riconoscimento", "espatrio"));
    }
}
