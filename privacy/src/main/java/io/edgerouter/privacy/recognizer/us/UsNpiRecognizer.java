package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.recognizer.CompetingContext;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US National Provider Identifiers of health-care providers (entity {@code US_NPI}), as in Presidio's recognizer.
 *
 * <p>Format: ten digits starting with 1 (individual) or 2 (organisation), bare (0.1) or printed {@code 4-3-3}
 * with '-' or ' ' (0.4). Checksum: Luhn over the number prefixed with the card-issuer prefix 80840, as CMS
 * specifies; passing gives 1.0, failing drops the match, and a number whose first nine digits are all equal is
 * dropped too. Context words ("npi", "provider", "taxonomy") matter when another identifier's word is nearby: see
 * {@link CompetingContext} (an NHS number beside "NHS" keeps 0.1 here).
 */
public final class UsNpiRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String US_NPI = "US_NPI";

    private static final Set<String> CONTEXT = Set.of("npi", "provider", "taxonomy");
    private static final StartGate GATE = StartGate.first(StartGate.Chars.of("12"), StartGate.Chars.WORD)
            .withRun(StartGate.Chars.DIGIT, 4);

    public UsNpiRecognizer() {
        super("UsNpiRecognizer", US_NPI, List.of(
                Pattern.jdk("NPI (weak)", Bounds.NUMBER_START + "[12]\\d{9}" + Bounds.NUMBER_END, 0.1,
                        GATE.withRun(StartGate.Chars.DIGIT, 10)),
                Pattern.jdk("NPI (medium)", Bounds.NUMBER_START + "[12]\\d{3}[- ]\\d{3}[- ]\\d{3}" + Bounds.NUMBER_END,
                        0.4, GATE.withCharAt(4, StartGate.Chars.of("- ")))),
                CONTEXT);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        return CompetingContext.holdBack(input, super.analyze(input), CONTEXT, s -> s.length() > 10 ? 0.4 : 0.1);
    }

    @Override
    protected Validation validate(String candidate) {
        String d = Bounds.digits(candidate);
        if (d.length() != 10 || d.substring(0, 9).chars().allMatch(c -> c == d.charAt(0))) {
            return Validation.INVALID;
        }
        return luhnValid("80840" + d) ? Validation.VALID : Validation.INVALID;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
