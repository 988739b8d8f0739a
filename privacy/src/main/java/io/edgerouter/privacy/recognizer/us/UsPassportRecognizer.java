package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US passport numbers (entity {@code US_PASSPORT}), with Presidio's patterns and scores.
 *
 * <p>Nine digits (books issued before 2021) at 0.05, or one letter and eight digits (next-generation books,
 * either letter case, as Presidio matches case-insensitively) at 0.1. No checksum, so both stay very weak
 * without context: "passport", "travel", "document", "united states", "us" add 0.35 (floor 0.4).
 */
public final class UsPassportRecognizer extends PatternRecognizer {

    public UsPassportRecognizer() {
        super("UsPassportRecognizer", Entities.US_PASSPORT, List.of(
                Pattern.jdk("passport next generation (very weak)",
                        Bounds.WORD_START + "[A-Za-z]\\d{8}" + Bounds.NUMBER_END, 0.1,
                        Bounds.LETTER_START.withCharAt(1, StartGate.Chars.DIGIT)),
                Pattern.jdk("passport nine digits (very weak)", Bounds.NUMBER_START + "\\d{9}" + Bounds.NUMBER_END,
                        0.05, Bounds.DIGIT.withRun(StartGate.Chars.DIGIT, 9))),
                Set.of("us", "united", "states", "passport", "passport#", "travel", "document"));
    }
}
