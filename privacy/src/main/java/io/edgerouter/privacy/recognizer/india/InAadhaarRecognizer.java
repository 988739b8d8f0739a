package io.edgerouter.privacy.recognizer.india;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Indian Aadhaar numbers (UIDAI): twelve digits, run together or in three groups of four separated by the same
 * space, dash or colon each time ({@code 2345 6789 0124}). Presidio allows a different separator between each group;
 * this recognizer requires one separator throughout.
 *
 * <p>Checks, as Presidio's: the first digit is 2 to 9, the number is not a palindrome, and the last digit is a
 * Verhoeff check digit over the other eleven. Ladder: both forms start very weak (0.01, Presidio's), a passing check
 * gives 1.0, a failing one drops the candidate (so the context words "Aadhaar", "UIDAI" cannot rescue it).
 */
public final class InAadhaarRecognizer extends PatternRecognizer {

    public static final String ENTITY = "IN_AADHAAR";

    public InAadhaarRecognizer() {
        super("InAadhaarRecognizer", ENTITY, List.of(
                Pattern.jdk("aadhaar digits (very weak)", "(?<![\\w.-])\\d{12}(?![\\w-]|\\.\\d)", 0.01,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 12)),
                Pattern.jdk("aadhaar groups (very weak)",
                        "(?<![\\w.:-]|\\d[ :-])\\d{4}([ :-])\\d{4}\\1\\d{4}(?![\\w-]|[ :-]\\d|\\.\\d)", 0.01,
                        StartGate.DIGIT_WORD_START.withRun(StartGate.Chars.DIGIT, 4)
                                .withCharAt(4, StartGate.Chars.of(" :-")))),
                Set.of("aadhaar", "aadhar", "adhaar", "uidai", "uid"));
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replaceAll("[ :-]", "");
        return d.length() == 12 && d.charAt(0) >= '2' && !isPalindrome(d) && Verhoeff.valid(d)
                ? Validation.VALID : Validation.INVALID;
    }

    private static boolean isPalindrome(String s) {
        for (int i = 0, j = s.length() - 1; i < j; i++, j--) {
            if (s.charAt(i) != s.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
