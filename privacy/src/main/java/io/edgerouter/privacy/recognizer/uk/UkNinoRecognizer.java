package io.edgerouter.privacy.recognizer.uk;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * UK National Insurance numbers (entity {@code UK_NINO}), with Presidio's pattern and score.
 *
 * <p>Format: two prefix letters, three pairs of digits and a suffix letter A-D, with or without a single space
 * between the parts ({@code AB 12 34 56 C}, {@code AB123456C}); either letter case. Prefix rules: the first letter
 * is not D, F, I, Q, U or V; the second is not D, F, I, O, Q, U or V; the pairs BG, GB, KN, NK, NT, TN and ZZ are
 * never allocated. (Presidio checks the forbidden pairs before an optional leading space, so in "x BG123456A" its
 * pattern accepts BG; here the rule always applies, and the span never starts with a space.)
 *
 * <p>No check digit: 0.5 for the pattern; context ("national insurance", "nino", "ni number") adds 0.35.
 */
public final class UkNinoRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String UK_NINO = "UK_NINO";

    private static final StartGate.Chars LETTER =
            StartGate.Chars.UPPER.or(StartGate.Chars.of("abcdefghijklmnopqrstuvwxyz"));

    public UkNinoRecognizer() {
        super("UkNinoRecognizer", UK_NINO, List.of(Pattern.jdk("NINO (medium)",
                        "(?i)(?<![\\p{L}\\p{N}_])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                                + " ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![\\p{L}\\p{N}_])",
                        0.5, StartGate.first(LETTER, StartGate.Chars.WORD).withCharAt(1, LETTER)
                                .withCharWithin(2, 3, StartGate.Chars.DIGIT))),
                Set.of("national", "insurance", "nino", "ni"));
    }
}
