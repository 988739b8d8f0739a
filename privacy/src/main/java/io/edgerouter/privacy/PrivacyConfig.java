package io.edgerouter.privacy;

import io.edgerouter.privacy.operator.ConflictResolution;
import io.edgerouter.privacy.recognizer.CustomRecognizerSpec;
import java.util.List;
import java.util.Set;

/**
 * Settings of a {@link PrivacyFilter}.
 *
 * @param maxTextLength         longer texts are rejected (characters)
 * @param defaultScoreThreshold threshold of {@link PrivacyFilter#analyze(String)}, i.e. what the edge agent masks
 *                              (policy {@code privacy.mask_threshold}), in [0, 1]; Presidio API requests without a
 *                              {@code score_threshold} use Presidio's default 0 instead
 * @param languages             accepted language codes; recognizers are language-neutral patterns plus
 *                              English context words, so this is an allow-list rather than a capability
 * @param customRecognizers     policy-defined recognizers, compiled with RE2/J at construction
 * @param conflictResolution    how the anonymizer settles overlapping spans
 */
public record PrivacyConfig(int maxTextLength, double defaultScoreThreshold, Set<String> languages,
                            List<CustomRecognizerSpec> customRecognizers, ConflictResolution conflictResolution) {

    public static final int DEFAULT_MAX_TEXT_LENGTH = 256 * 1024;

    public PrivacyConfig {
        if (maxTextLength <= 0) {
            throw new InvalidInputException("max_text_length", "must be positive, got " + maxTextLength);
        }
        if (!(defaultScoreThreshold >= 0.0 && defaultScoreThreshold <= 1.0)) {
            throw new InvalidInputException("default_score_threshold", "must be in [0, 1], got " + defaultScoreThreshold);
        }
        if (languages == null || languages.isEmpty()) {
            throw new InvalidInputException("languages", "at least one language is required");
        }
        languages = Set.copyOf(languages);
        customRecognizers = customRecognizers == null ? List.of() : List.copyOf(customRecognizers);
        if (conflictResolution == null) {
            conflictResolution = ConflictResolution.MERGE_OVERLAPS;
        }
    }

    public static PrivacyConfig defaults() {
        return new PrivacyConfig(DEFAULT_MAX_TEXT_LENGTH, 0.4, Set.of("en", "de", "fr", "es", "it", "nl", "pt"),
                List.of(), ConflictResolution.MERGE_OVERLAPS);
    }

    public PrivacyConfig withCustomRecognizers(List<CustomRecognizerSpec> specs) {
        return new PrivacyConfig(maxTextLength, defaultScoreThreshold, languages, specs, conflictResolution);
    }

    public PrivacyConfig withDefaultScoreThreshold(double threshold) {
        return new PrivacyConfig(maxTextLength, threshold, languages, customRecognizers, conflictResolution);
    }

    public PrivacyConfig withMaxTextLength(int max) {
        return new PrivacyConfig(max, defaultScoreThreshold, languages, customRecognizers, conflictResolution);
    }
}
