package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.recognizer.CompetingContext;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * ABA routing transit numbers of US banks (entity {@code ABA_ROUTING_NUMBER}), as in Presidio's recognizer.
 *
 * <p>Format: nine digits whose first digit is 0-3 or 6-8 (the Federal Reserve district ranges Presidio accepts),
 * bare (0.05) or printed {@code XXXX-XXXX-X} (0.3). Checksum: digits weighted 3, 7, 1, 3, 7, 1, 3, 7, 1 sum to a
 * multiple of ten; passing gives 1.0, failing drops the match. Context words ("aba", "routing", "rtn", "transit",
 * "association", "abarouting", "bankrouting") matter when another identifier's word is nearby: see
 * {@link CompetingContext} (a nine-digit passport number with "passport" beside it keeps 0.05 here).
 */
public final class AbaRoutingRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String ABA_ROUTING_NUMBER = "ABA_ROUTING_NUMBER";

    private static final Set<String> CONTEXT = Set.of("aba", "routing", "abarouting", "association", "bankrouting",
            "rtn", "transit");
    private static final StartGate GATE = StartGate.first(StartGate.Chars.of("0123678"), StartGate.Chars.WORD)
            .withRun(StartGate.Chars.DIGIT, 4);

    public AbaRoutingRecognizer() {
        super("AbaRoutingRecognizer", ABA_ROUTING_NUMBER, List.of(
                Pattern.jdk("ABA routing number (weak)", Bounds.NUMBER_START + "[0-3678]\\d{8}" + Bounds.NUMBER_END,
                        0.05, GATE.withRun(StartGate.Chars.DIGIT, 9)),
                Pattern.jdk("ABA routing number", Bounds.NUMBER_START + "[0-3678]\\d{3}-\\d{4}-\\d" + Bounds.NUMBER_END,
                        0.3, GATE.withCharAt(4, StartGate.Chars.of("-")))),
                CONTEXT);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        return CompetingContext.holdBack(input, super.analyze(input), CONTEXT, s -> s.indexOf('-') >= 0 ? 0.3 : 0.05);
    }

    @Override
    protected Validation validate(String candidate) {
        return checksumValid(Bounds.digits(candidate)) ? Validation.VALID : Validation.INVALID;
    }

    static boolean checksumValid(String nineDigits) {
        if (nineDigits.length() != 9) {
            return false;
        }
        int[] weights = {3, 7, 1};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * weights[i % 3];
        }
        return sum % 10 == 0;
    }
}
