package io.edgerouter.privacy.recognizer.india;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Indian voter ids (EPIC, Elector's Photo Identity Card): three letters and seven digits ({@code KBN1234567}), any
 * case. There is no check digit, so nothing is validated.
 *
 * <p>Ladder, as Presidio's: 0.4 when the second letter is one Presidio has seen in issued series
 * (A B C D G H J K M N P R S Y), 0.3 otherwise; "voter", "EPIC", "elector" or "election" nearby add 0.35. The 0.4
 * shape also fits invoice and order numbers such as {@code INV1234567}, as it does in Presidio.
 */
public final class InVoterRecognizer extends PatternRecognizer {

    public static final String ENTITY = "IN_VOTER";

    public InVoterRecognizer() {
        super("InVoterRecognizer", ENTITY, List.of(
                Pattern.jdk("voter series letter (medium)", "(?i)(?<![\\w-])[A-Z][ABCDGHJKMNPRSY][A-Z]\\d{7}(?![\\w-])",
                        0.4, StartGate.ALNUM_WORD_START.withCharAt(3, StartGate.Chars.DIGIT)),
                Pattern.jdk("voter shape (weak)", "(?i)(?<![\\w-])[A-Z]{3}\\d{7}(?![\\w-])", 0.3,
                        StartGate.ALNUM_WORD_START.withCharAt(3, StartGate.Chars.DIGIT))),
                Set.of("voter", "voters", "epic", "elector", "electoral", "election"));
    }
}
