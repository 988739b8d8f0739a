package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US passport numbers: nine digits (older books) or one letter and eight digits (next-generation books).
 * Both shapes are common for unrelated numbers, so they stay very weak without the word "passport" nearby.
 */
public final class UsPassportRecognizer extends PatternRecognizer {

    public UsPassportRecognizer() {
        super("UsPassportRecognizer", Entities.US_PASSPORT, List.of(
                Pattern.jdk("passport next generation (weak)", "(?<![\\w-])[A-Z]\\d{8}(?![\\w-])", 0.1,
                        StartGate.UPPER_WORD_START.withCharAt(1, StartGate.Chars.DIGIT)),
                Pattern.jdk("passport nine digits (very weak)", "(?<![\\w-])\\d{9}(?![\\w-])", 0.05, StartGate.DIGIT_WORD_START)),
                Set.of("passport", "passports", "travel"));
    }
}
