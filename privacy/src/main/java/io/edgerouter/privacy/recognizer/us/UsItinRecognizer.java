package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US Individual Taxpayer Identification Numbers (entity {@code US_ITIN}), with Presidio's patterns and scores.
 *
 * <p>Nine digits {@code 9AA GG SSSS}: first digit 9, middle group GG in the IRS ranges 50-65, 70-88, 90-92 or
 * 94-99. Both separators ('-' or ' ', each chosen independently) give 0.5; no separator 0.3; only one of the two
 * separators 0.05. No checksum. Context ("itin", "taxpayer", "tax", "tin", "taxid", "payer", "individual")
 * adds 0.35 (floor 0.4). An ITIN has the shape of an SSN as well; with context it outscores the SSN match.
 */
public final class UsItinRecognizer extends PatternRecognizer {

    private static final String GROUP = "(?:5\\d|6[0-5]|7\\d|8[0-8]|9[0-24-9])";
    private static final String S = Bounds.NUMBER_START;
    private static final String E = Bounds.NUMBER_END;
    private static final StartGate GATE = StartGate.first(StartGate.Chars.of("9"), StartGate.Chars.WORD)
            .withRun(StartGate.Chars.DIGIT, 3);

    public UsItinRecognizer() {
        super("UsItinRecognizer", Entities.US_ITIN, List.of(
                Pattern.jdk("ITIN two separators (medium)", S + "9\\d{2}[- ]" + GROUP + "[- ]\\d{4}" + E, 0.5,
                        GATE.withCharAt(3, StartGate.Chars.of("- "))),
                Pattern.jdk("ITIN digits (weak)", S + "9\\d{2}" + GROUP + "\\d{4}" + E, 0.3,
                        GATE.withRun(StartGate.Chars.DIGIT, 9)),
                Pattern.jdk("ITIN one separator (very weak)",
                        S + "9\\d{2}(?:[- ]" + GROUP + "|" + GROUP + "[- ])\\d{4}" + E, 0.05, GATE)),
                Set.of("individual", "taxpayer", "itin", "tax", "payer", "taxid", "tin"));
    }
}
