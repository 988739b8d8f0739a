package io.edgerouter.privacy.recognizer.au;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Australian Medicare card numbers: ten digits starting with 2 to 6, printed {@code NNNN NNNNN N} or run together.
 * The ninth digit checks the first eight (weights 1, 3, 7, 9, 1, 3, 7, 9, sum modulo 10); the tenth is the card's
 * issue number and is not checked.
 *
 * <p>Ladder, as Presidio's: spaced form 0.1, bare ten digits 0.01; a passing check gives 1.0, a failing one drops
 * the candidate, so the context word "Medicare" cannot change a score. The optional individual reference number
 * printed after the card number is not part of the span.
 */
public final class AuMedicareRecognizer extends PatternRecognizer {

    public static final String ENTITY = "AU_MEDICARE";

    private static final int[] WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9};

    public AuMedicareRecognizer() {
        super("AuMedicareRecognizer", ENTITY, List.of(
                Pattern.jdk("medicare spaced (weak)",
                        "(?<![\\w.-]|\\d )[2-6]\\d{3} \\d{5} \\d(?![\\w-]| \\d|\\.\\d)", 0.1,
                        StartGate.first(StartGate.Chars.of("23456"), StartGate.Chars.WORD)
                                .withCharAt(4, StartGate.Chars.of(" "))),
                Pattern.jdk("medicare digits (very weak)", "(?<![\\w.-])[2-6]\\d{9}(?![\\w-]|\\.\\d)", 0.01,
                        StartGate.first(StartGate.Chars.of("23456"), StartGate.Chars.WORD)
                                .withRun(StartGate.Chars.DIGIT, 10))),
                Set.of("medicare"));
    }

    @Override
    protected Validation validate(String candidate) {
        return checksumValid(AuDigits.digits(candidate)) ? Validation.VALID : Validation.INVALID;
    }

    static boolean checksumValid(int[] d) {
        return d.length == 10 && AuDigits.weightedSum(d, WEIGHTS) % 10 == d[8];
    }
}
