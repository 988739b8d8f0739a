package io.edgerouter.privacy.recognizer.au;

import java.util.Set;

/**
 * Australian Tax File Numbers (TFN): nine digits, printed {@code NNN NNN NNN} or run together, whose digits weighted
 * 1, 4, 3, 7, 5, 8, 6, 9, 10 sum to a multiple of 11.
 *
 * <p>Ladder, as Presidio's: spaced form 0.1, bare nine digits 0.01; a passing check gives 1.0, a failing one drops
 * the candidate; the context words ("TFN", "tax") keep the 1.0 when another identifier's word is nearby (see
 * {@link AuNineDigitRecognizer}). The older eight-digit TFNs are not
 * recognised (Presidio does not either).
 */
public final class AuTfnRecognizer extends AuNineDigitRecognizer {

    public static final String ENTITY = "AU_TFN";

    private static final int[] WEIGHTS = {1, 4, 3, 7, 5, 8, 6, 9, 10};

    public AuTfnRecognizer() {
        super("AuTfnRecognizer", ENTITY, "tfn", Set.of("tfn", "tfns", "tax"));
    }

    @Override
    boolean checksumValid(int[] d) {
        return AuDigits.weightedSum(d, WEIGHTS) % 11 == 0;
    }
}
