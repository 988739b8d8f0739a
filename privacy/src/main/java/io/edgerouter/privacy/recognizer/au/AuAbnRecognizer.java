package io.edgerouter.privacy.recognizer.au;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Australian Business Numbers (ABN): eleven digits, printed {@code NN NNN NNN NNN} or run together. The first two
 * digits check the other nine: after taking one from the leading digit, the digits weighted 10, 1, 3, 5, ..., 19
 * must sum to a multiple of 89 (so no valid ABN starts with 0).
 *
 * <p>Ladder, as Presidio's: the spaced form 0.1, the bare eleven digits 0.01; a passing check gives 1.0 and a failing
 * one drops the candidate, so context ("ABN", "business number") changes nothing once the check has run. Groups
 * glued to further digit groups ({@code 12 51 824 753 556}) or decimals are not candidates.
 */
public final class AuAbnRecognizer extends PatternRecognizer {

    public static final String ENTITY = "AU_ABN";

    private static final int[] WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};

    public AuAbnRecognizer() {
        super("AuAbnRecognizer", ENTITY, List.of(
                Pattern.jdk("abn spaced (weak)",
                        "(?<![\\w.-]|\\d )\\d{2} \\d{3} \\d{3} \\d{3}(?![\\w-]| \\d|\\.\\d)", 0.1,
                        StartGate.DIGIT_WORD_START.withCharAt(2, StartGate.Chars.of(" "))),
                Pattern.jdk("abn digits (very weak)", "(?<![\\w.-])\\d{11}(?![\\w-]|\\.\\d)", 0.01,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 11))),
                Set.of("abn", "abns", "australian", "business"));
    }

    @Override
    protected Validation validate(String candidate) {
        return checksumValid(AuDigits.digits(candidate)) ? Validation.VALID : Validation.INVALID;
    }

    static boolean checksumValid(int[] d) {
        if (d.length != 11) {
            return false;
        }
        int[] adjusted = d.clone();
        adjusted[0] -= 1;
        return AuDigits.weightedSum(adjusted, WEIGHTS) % 89 == 0;
    }
}
