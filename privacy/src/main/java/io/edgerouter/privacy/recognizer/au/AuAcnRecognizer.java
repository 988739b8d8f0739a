package io.edgerouter.privacy.recognizer.au;

import java.util.Set;

/**
 * Australian Company Numbers (ACN): nine digits, printed {@code NNN NNN NNN} or run together. The last digit is a
 * check digit: the first eight weighted 8, 7, ..., 1 are summed and the check digit is what completes the sum to a
 * multiple of ten (0 when it already is one).
 *
 * <p>Ladder, as Presidio's: spaced form 0.1, bare nine digits 0.01; a passing check gives 1.0, a failing one drops
 * the candidate; the context words ("ACN", "company") keep the 1.0 when another identifier's word is nearby (see
 * {@link AuNineDigitRecognizer}).
 */
public final class AuAcnRecognizer extends AuNineDigitRecognizer {

    public static final String ENTITY = "AU_ACN";

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1};

    public AuAcnRecognizer() {
        super("AuAcnRecognizer", ENTITY, "acn", Set.of("acn", "acns", "australian", "company"));
    }

    @Override
    boolean checksumValid(int[] d) {
        int check = (10 - AuDigits.weightedSum(d, WEIGHTS) % 10) % 10;
        return check == d[8];
    }
}
