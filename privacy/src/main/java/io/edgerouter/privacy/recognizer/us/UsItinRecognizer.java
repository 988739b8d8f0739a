package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US Individual Taxpayer Identification Numbers: nine digits starting with 9 whose 4th-5th digits fall in
 * the IRS ranges 50-65, 70-88, 90-92 or 94-99. Dashed 0.5, spaced 0.3, bare 0.1; "ITIN"/"taxpayer" raise it.
 */
public final class UsItinRecognizer extends PatternRecognizer {

    private static final String GROUP = "(?:5\\d|6[0-5]|7\\d|8[0-8]|9[0-24-9])";

    public UsItinRecognizer() {
        super("UsItinRecognizer", Entities.US_ITIN, List.of(
                Pattern.jdk("itin dashed (medium)", "(?<![\\w-])9\\d{2}-" + GROUP + "-\\d{4}(?![\\w-])", 0.5, StartGate.DIGIT_WORD_START),
                Pattern.jdk("itin spaced (weak)", "(?<![\\w-])9\\d{2} " + GROUP + " \\d{4}(?![\\w-]| \\d)", 0.3, StartGate.DIGIT_WORD_START),
                Pattern.jdk("itin digits (very weak)", "(?<![\\w-])9\\d{2}" + GROUP + "\\d{4}(?![\\w-])", 0.1, StartGate.DIGIT_WORD_START)),
                Set.of("itin", "individual", "taxpayer", "tax", "irs"));
    }
}
