package io.edgerouter.privacy.recognizer.sg;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Singapore NRIC and FIN numbers: a prefix letter, seven digits and a check letter ({@code S1234567D}), any case.
 * Prefixes S and T are citizens and permanent residents (born before / from 2000), F and G foreigners, M the FINs
 * issued from 2022.
 *
 * <p>Check letter: the digits weighted 2, 7, 6, 5, 4, 3, 2 are summed, plus 4 for T and G and 3 for M; the remainder
 * modulo 11 picks the letter from {@code JZIHGFEDCBA} (S, T), {@code XWUTRQPNMLK} (F, G) or {@code XWUTRQPNJLK} (M).
 * Presidio does not check the letter; this recognizer does, so a wrong letter drops the candidate.
 *
 * <p>Ladder: any other prefix letter with the same shape is weak (0.3, Presidio's) and unchecked; a known prefix is
 * 0.5 before the check and 1.0 after it passes. Context words "NRIC", "FIN" raise the weak form.
 */
public final class SgFinRecognizer extends PatternRecognizer {

    public static final String ENTITY = "SG_NRIC_FIN";

    private static final String CITIZEN_LETTERS = "JZIHGFEDCBA";
    private static final String FOREIGNER_LETTERS = "XWUTRQPNMLK";
    private static final String M_SERIES_LETTERS = "XWUTRQPNJLK";
    private static final int[] WEIGHTS = {2, 7, 6, 5, 4, 3, 2};

    public SgFinRecognizer() {
        super("SgFinRecognizer", ENTITY, List.of(
                Pattern.jdk("nric/fin other prefix (weak)", "(?i)(?<![\\w-])[A-Z]\\d{7}[A-Z](?![\\w-])", 0.3,
                        StartGate.ALNUM_WORD_START.withCharAt(1, StartGate.Chars.DIGIT)),
                Pattern.jdk("nric/fin (medium)", "(?i)(?<![\\w-])[STFGM]\\d{7}[A-Z](?![\\w-])", 0.5,
                        StartGate.first(StartGate.Chars.of("STFGMstfgm"), StartGate.Chars.WORD)
                                .withCharAt(1, StartGate.Chars.DIGIT))),
                Set.of("nric", "nric#", "fin", "fin#", "ic", "identity"));
    }

    @Override
    protected Validation validate(String candidate) {
        String id = candidate.toUpperCase(Locale.ROOT);
        if ("STFGM".indexOf(id.charAt(0)) < 0) {
            return Validation.NOT_APPLICABLE;
        }
        return checkLetter(id) == id.charAt(8) ? Validation.VALID : Validation.INVALID;
    }

    /** The check letter of an upper-case nine-character id with a known prefix. */
    static char checkLetter(String id) {
        char prefix = id.charAt(0);
        int sum = switch (prefix) {
            case 'T', 'G' -> 4;
            case 'M' -> 3;
            default -> 0;
        };
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (id.charAt(i + 1) - '0') * WEIGHTS[i];
        }
        int r = sum % 11;
        return switch (prefix) {
            case 'S', 'T' -> CITIZEN_LETTERS.charAt(r);
            case 'F', 'G' -> FOREIGNER_LETTERS.charAt(r);
            default -> M_SERIES_LETTERS.charAt(r);
        };
    }
}
