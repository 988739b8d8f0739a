package io.edgerouter.privacy.recognizer.th;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Thai national ID numbers (TNIN): thirteen digits, run together (Presidio's form) or printed on the card as
 * {@code N-NNNN-NNNNN-NN-N} with dashes or spaces (an addition to Presidio's forms). The first digit is not 0, and
 * the second and third form a province code, which excludes 0x, 28, 29, 59, 68, 69, 78, 79, 87-89 and 97-99.
 *
 * <p>Check digit: {@code (11 - (13*N1 + 12*N2 + ... + 2*N12) mod 11) mod 10} must equal N13; a failing check drops the
 * candidate. Ladder, as Presidio's: 0.5 for the shape, 1.0 once the check passes. Context words: "TNIN", "Thai"
 * and the Thai phrases for the national ID number (matched by their word pieces, since the word splitter breaks
 * Thai words at combining vowel marks).
 */
public final class ThTninRecognizer extends PatternRecognizer {

    public static final String ENTITY = "TH_TNIN";

    private static final String PROVINCE = "(?:[134]\\d|2[0-7]|5[0-8]|[67][0-7]|[89][0-6])";
    private static final List<String> THAI_PHRASES = List.of("เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "รหัสปชช",
            "บัตรประชาชน");

    public ThTninRecognizer() {
        super("ThTninRecognizer", ENTITY, List.of(
                Pattern.jdk("tnin digits (medium)", "(?<![\\w-])[1-9]" + PROVINCE + "\\d{10}(?![\\w-])", 0.5,
                        StartGate.first(StartGate.Chars.of("123456789"), StartGate.Chars.WORD)
                                .withRun(StartGate.Chars.DIGIT, 13)),
                Pattern.jdk("tnin card grouping (medium)", "(?<![\\w-])[1-9]([- ])" + PROVINCE
                                + "\\d{2}\\1\\d{5}\\1\\d{2}\\1\\d(?![\\w-]|\\1\\d)", 0.5,
                        StartGate.first(StartGate.Chars.of("123456789"), StartGate.Chars.WORD)
                                .withCharAt(1, StartGate.Chars.of("- ")))),
                contextWords());
    }

    private static Set<String> contextWords() {
        Set<String> words = new HashSet<>(Set.of("tnin", "thai"));
        for (String phrase : THAI_PHRASES) {
            words.add(phrase);
            // the analyzer's words are runs of letters and digits; Thai vowel marks (category Mn) split them
            int start = -1;
            for (int i = 0; i <= phrase.length(); i++) {
                boolean letter = i < phrase.length() && Character.isLetterOrDigit(phrase.charAt(i));
                if (letter && start < 0) {
                    start = i;
                } else if (!letter && start >= 0) {
                    if (i - start >= 3) {
                        words.add(phrase.substring(start, i));
                    }
                    start = -1;
                }
            }
        }
        return words;
    }

    @Override
    protected Validation validate(String candidate) {
        String d = candidate.replace("-", "").replace(" ", "");
        return d.length() == 13 && checkDigitValid(d) ? Validation.VALID : Validation.INVALID;
    }

    static boolean checkDigitValid(String d) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * (13 - i);
        }
        return (11 - sum % 11) % 10 == d.charAt(12) - '0';
    }
}
