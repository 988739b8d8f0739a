package io.edgerouter.privacy.recognizer.au;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompetingContext;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Australian Tax File Numbers (TFN): nine digits, printed {@code NNN NNN NNN} or run together, whose digits weighted
 * 1, 4, 3, 7, 5, 8, 6, 9, 10 sum to a multiple of 11.
 *
 * <p>Ladder, as Presidio's: spaced form 0.1, bare nine digits 0.01; a passing check gives 1.0, a failing one drops
 * the candidate, so the context words ("TFN", "tax") cannot change a score. The older eight-digit TFNs are not
 * recognised (Presidio does not either).
 */
public final class AuTfnRecognizer extends PatternRecognizer {

    private static final Set<String> CONTEXT = Set.of("tfn", "tfns", "tax");

    public static final String ENTITY = "AU_TFN";

    private static final int[] WEIGHTS = {1, 4, 3, 7, 5, 8, 6, 9, 10};

    public AuTfnRecognizer() {
        super("AuTfnRecognizer", ENTITY, List.of(
                Pattern.jdk("tfn spaced (weak)",
                        "(?<![\\w.-]|\\d )\\d{3} \\d{3} \\d{3}(?![\\w-]| \\d|\\.\\d)", 0.1,
                        StartGate.DIGIT_WORD_START.withCharAt(3, StartGate.Chars.of(" "))),
                Pattern.jdk("tfn digits (very weak)", "(?<![\\w.-])\\d{9}(?![\\w-]|\\.\\d)", 0.01,
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
        return d.length == 9 && AuDigits.weightedSum(d, WEIGHTS) % 11 == 0;
    }
}
