package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US Medicare Beneficiary Identifiers (entity {@code US_MBI}), as in Presidio's recognizer.
 *
 * <p>Format: eleven characters {@code N A AN N A AN N A A N N} (N a digit, A a letter other than S, L, O, I, B or Z,
 * AN either), either letter case, bare (0.3) or printed {@code 4-3-4} with dashes (0.5). The first digit is 1-9 in
 * CMS's specification, but 0 is accepted, as in Presidio. No checksum; context ("medicare", "mbi",
 * "beneficiary", "cms", "medicaid", "hic", "hicn") adds 0.35.
 */
public final class UsMbiRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String US_MBI = "US_MBI";

    private static final String A = "[AC-HJKMNP-RT-Y]";
    private static final String AN = "[0-9AC-HJKMNP-RT-Y]";
    private static final StartGate GATE = StartGate.DIGIT_WORD_START.withCharAt(1, Bounds.LETTER);

    public UsMbiRecognizer() {
        super("UsMbiRecognizer", US_MBI, List.of(
                Pattern.jdk("MBI (weak)", "(?i)" + Bounds.CODE_START + "\\d" + A + AN + "\\d" + A + AN + "\\d" + A + A
                        + "\\d{2}" + Bounds.CODE_END, 0.3, GATE),
                Pattern.jdk("MBI (medium)", "(?i)" + Bounds.CODE_START + "\\d" + A + AN + "\\d-" + A + AN + "\\d-"
                        + A + A + "\\d{2}" + Bounds.CODE_END, 0.5, GATE.withCharAt(4, StartGate.Chars.of("-")))),
                Set.of("medicare", "mbi", "beneficiary", "cms", "medicaid", "hic", "hicn"));
    }
}
