package io.edgerouter.privacy.recognizer.it;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Italian driving licence numbers: two letters, seven digits and a letter ({@code MI4827193K}), or the
 * duplicate-licence form {@code U1} followed by seven digits or letters (no A, I, O, Q, V) and a letter
 * ({@code U1H52J194M}); case-insensitive, as in Presidio. There is no public checksum.
 *
 * <p>Ladder (Presidio's): the shape is 0.2 and stays weak; context raises it to 0.55. Context: "patente",
 * "patente di guida", "licenza", "licenza di guida" (as the words "patente", "licenza", "guida").
 */
public final class ItDriverLicenseRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String IT_DRIVER_LICENSE = "IT_DRIVER_LICENSE";

    public ItDriverLicenseRecognizer() {
        super("ItDriverLicenseRecognizer", IT_DRIVER_LICENSE, List.of(
                Pattern.jdk("driver license (weak)",
                        "(?i)(?<![\\w-])(?:[A-Z]{2}\\d{7}[A-Z]|U1[0-9BCDEFGHJKLMNPRSTUWXYZ]{7}[A-Z])(?![\\w-])", 0.2,
                        StartGate.ALNUM_WORD_START.withCharAt(9, StartGate.Chars.ALNUM))),
                Set.of("patente", "patenti", "licenza", "guida"));
    }
}
