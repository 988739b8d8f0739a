package io.edgerouter.privacy.recognizer.india;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Indian Permanent Account Numbers (PAN): five letters, four digits, one letter ({@code ABCPE1234F}), any case. The
 * fourth letter is the holder type (P person, C company, H Hindu undivided family, F firm, A association, T trust,
 * B body of individuals, L local authority, J artificial juridical person, G government).
 *
 * <p>No public check algorithm exists, so nothing is validated. Ladder, as Presidio's: 0.5 when the fourth letter is
 * a holder type, 0.1 for any other letter, 0.01 for any ten-character token (letters, digits and
 * {@code _@#$%^?~-}) with a letter and four consecutive digits; "PAN" or "permanent account" nearby adds 0.35.
 * Presidio's weakest pattern looks for the letter and the digits anywhere later in the text; here they must be
 * inside the token.
 */
public final class InPanRecognizer extends PatternRecognizer {

    public static final String ENTITY = "IN_PAN";

    private static final String TOKEN = "[\\w@#$%^?~-]";

    public InPanRecognizer() {
        super("InPanRecognizer", ENTITY, List.of(
                Pattern.jdk("pan holder type (medium)",
                        "(?i)(?<![\\w-])[A-Z]{3}[ABCFGHJLPT][A-Z]\\d{4}[A-Z](?![\\w-])", 0.5,
                        StartGate.ALNUM_WORD_START.withCharAt(5, StartGate.Chars.DIGIT)),
                Pattern.jdk("pan shape (weak)", "(?i)(?<![\\w-])[A-Z]{5}\\d{4}[A-Z](?![\\w-])", 0.1,
                        StartGate.ALNUM_WORD_START.withCharAt(5, StartGate.Chars.DIGIT)),
                Pattern.jdk("pan-like token (very weak)",
                        "(?<!" + TOKEN + ")(?=" + TOKEN + "{0,9}[A-Za-z])(?=" + TOKEN + "{0,6}\\d{4})"
                                + "[A-Za-z0-9]" + TOKEN + "{8}[A-Za-z0-9](?!" + TOKEN + ")", 0.01,
                        StartGate.first(StartGate.Chars.ALNUM, StartGate.Chars.WORD.or(StartGate.Chars.of("@#$%^?~-")))
                                .withRun(StartGate.Chars.WORD.or(StartGate.Chars.of("@#$%^?~-")), 10))),
                Set.of("pan", "permanent", "income"));
    }
}
