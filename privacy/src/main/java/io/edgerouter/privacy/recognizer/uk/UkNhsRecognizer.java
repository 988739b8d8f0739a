package io.edgerouter.privacy.recognizer.uk;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompetingContext;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * NHS numbers of England, Wales and the Isle of Man (entity {@code UK_NHS}), with Presidio's pattern and ladder.
 *
 * <p>Format: ten digits, printed {@code 3-3-4} with '-' or ' ' between the groups, or without separators (each
 * gap chosen independently, as in Presidio). The tenth digit is a modulus-11 check digit: weights 10 down to 2 on
 * the first nine digits, check = 11 - (sum mod 11), 11 → 0, 10 → never issued.
 *
 * <p>Ladder: pattern 0.5; a passing check gives 1.0, a failing one drops the match. Context ("nhs", "national
 * health service", "health authority", "patient") cannot raise a validated score further.
 *
 * <p>One in eleven random ten-digit numbers passes the check, phone numbers included. Two additions to
 * Presidio keep those from masquerading as certain NHS numbers: a number right after an international dialling
 * code ({@code +1 404 654 0436}) is not reported, and a passing number with a phone word ("phone", "tel",
 * "mobile", "call", "fax"...) nearby and no NHS word keeps Presidio's pattern score 0.5 instead of 1.0, so that a
 * phone match over the same span wins.
 */
public final class UkNhsRecognizer extends PatternRecognizer {

    private static final String START = "(?<![\\p{L}\\p{N}_])(?<!\\d[-./])(?<!\\+\\d{1,3}[ -])";
    private static final String END = "(?![\\p{L}\\p{N}_])(?![-./]\\d)";

    public UkNhsRecognizer() {
        super("UkNhsRecognizer", Entities.UK_NHS, List.of(
                Pattern.jdk("NHS (medium)", START + "\\d{3}[- ]?\\d{3}[- ]?\\d{4}" + END, 0.5,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 3))),
                NHS_WORDS);
    }

    private static final Set<String> NHS_WORDS = Set.of("nhs", "national", "health", "service", "authority",
            "patient");
    private static final double PATTERN_SCORE = 0.5;

    /** A phone word (or another identifier's) nearby and no NHS word: the check digit alone is not trusted. */
    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        return CompetingContext.holdBack(input, super.analyze(input), NHS_WORDS, s -> PATTERN_SCORE);
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replace(" ", "").replace("-", "");
        return d.length() == 10 && checkDigitValid(d) ? Validation.VALID : Validation.INVALID;
    }

    public static boolean checkDigitValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (tenDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == tenDigits.charAt(9) - '0';
    }
}
