package io.edgerouter.privacy.recognizer.au;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompetingContext;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Australian Company Numbers (ACN): nine digits, printed {@code NNN NNN NNN} or run together. The last digit is a
 * check digit: the first eight weighted 8, 7, ..., 1 are summed and the check digit is what completes the sum to a
 * multiple of ten (0 when it already is one).
 *
 * <p>Ladder, as Presidio's: spaced form 0.1, bare nine digits 0.01; a passing check gives 1.0, a failing one drops
 * the candidate, so the context words ("ACN", "company") cannot change a score; they are kept for parity.
 */
public final class AuAcnRecognizer extends PatternRecognizer {

    private static final Set<String> CONTEXT = Set.of("acn", "acns", "australian", "company");

    public static final String ENTITY = "AU_ACN";

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1};

    public AuAcnRecognizer() {
        super("AuAcnRecognizer", ENTITY, List.of(
                Pattern.jdk("acn spaced (weak)",
                        "(?<![\\w.-]|\\d )\\d{3} \\d{3} \\d{3}(?![\\w-]| \\d|\\.\\d)", 0.1,
                        StartGate.DIGIT_WORD_START.withCharAt(3, StartGate.Chars.of(" "))),
                Pattern.jdk("acn digits (very weak)", "(?<![\\w.-])\\d{9}(?![\\w-]|\\.\\d)", 0.01,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 9))),
                CONTEXT);
    }

    /**
     * A passing checksum is held back to the pattern score when another identifier's word ("SSN", "passport",
     * "phone"...) is nearby and none of this one's: one random number in ten or eleven passes it.
     */
    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        return CompetingContext.holdBack(input, super.analyze(input), CONTEXT, s -> s.indexOf(' ') >= 0 ? 0.1 : 0.01);
    }

    @Override
    protected Validation validate(String candidate) {
        return checksumValid(AuDigits.digits(candidate)) ? Validation.VALID : Validation.INVALID;
    }

    static boolean checksumValid(int[] d) {
        if (d.length != 9) {
            return false;
        }
        int check = (10 - AuDigits.weightedSum(d, WEIGHTS) % 10) % 10;
        return check == d[8];
    }
}
