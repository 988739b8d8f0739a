package io.edgerouter.privacy.recognizer.au;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompetingContext;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * The shape ACN and TFN share: nine digits printed {@code NNN NNN NNN} (0.1) or run together (0.01), raised to 1.0
 * by the subclass's checksum and dropped when it fails. A passing checksum is held back to the pattern score when
 * another identifier's word ("SSN", "passport", "phone"...) is nearby and none of this one's: one random nine-digit
 * number in ten or eleven passes it.
 */
abstract class AuNineDigitRecognizer extends PatternRecognizer {

    private final Set<String> context;

    AuNineDigitRecognizer(String name, String entity, String label, Set<String> context) {
        super(name, entity, List.of(
                Pattern.jdk(label + " spaced (weak)",
                        "(?<![\\w.-]|\\d )\\d{3} \\d{3} \\d{3}(?![\\w-]| \\d|\\.\\d)", 0.1,
                        StartGate.DIGIT_WORD_START.withCharAt(3, StartGate.Chars.of(" "))),
                Pattern.jdk(label + " digits (very weak)", "(?<![\\w.-])\\d{9}(?![\\w-]|\\.\\d)", 0.01,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 9))),
                context);
        this.context = context;
    }

    /** Whether the nine digits pass this identifier's check. */
    abstract boolean checksumValid(int[] digits);

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        return CompetingContext.holdBack(input, super.analyze(input), context, s -> s.indexOf(' ') >= 0 ? 0.1 : 0.01);
    }

    @Override
    protected Validation validate(String candidate) {
        int[] d = AuDigits.digits(candidate);
        return d.length == 9 && checksumValid(d) ? Validation.VALID : Validation.INVALID;
    }
}
