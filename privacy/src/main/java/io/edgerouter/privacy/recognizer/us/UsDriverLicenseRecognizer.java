package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US driver licence numbers. Fifty states use dozens of formats (letters then digits, digits only, dashed
 * groups as in Florida or Wisconsin), none with a public checksum, so every pattern is weak and context
 * ("driver", "license", "DL") carries the decision.
 */
public final class UsDriverLicenseRecognizer extends PatternRecognizer {

    public UsDriverLicenseRecognizer() {
        super("UsDriverLicenseRecognizer", Entities.US_DRIVER_LICENSE, List.of(
                Pattern.jdk("letters then digits (weak)", "(?<![\\w-])[A-Z]{1,2}\\d{4,14}(?![\\w-])", 0.1,
                        StartGate.UPPER_WORD_START.withCharWithin(1, 2, StartGate.Chars.DIGIT)),
                Pattern.jdk("dashed groups (weak)", "(?<![\\w-])[A-Z]\\d{3}-\\d{3,4}-\\d{2,4}(?:-\\d{3}-\\d)?(?![\\w-])", 0.2,
                        StartGate.UPPER_WORD_START.withCharAt(1, StartGate.Chars.DIGIT)),
                Pattern.jdk("digits (very weak)", "(?<![\\w-])\\d{7,9}(?![\\w-])", 0.01, StartGate.DIGIT_WORD_START)),
                Set.of("driver", "drivers", "driver's", "license", "licence", "dl", "driving", "dmv"));
    }
}
