package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidInputException;
import java.util.Objects;

/**
 * One detected entity: {@code text.substring(start, end)} is believed to be an {@code entityType}
 * with confidence {@code score} in [0, 1], according to {@code recognizer}.
 *
 * @param explanation how the score came about, or null when the caller did not ask for it
 */
public record RecognizerResult(String entityType, int start, int end, double score, String recognizer,
                               AnalysisExplanation explanation) {

    public RecognizerResult {
        if (entityType == null || entityType.isBlank()) {
            throw new InvalidInputException("entity_type must not be blank");
        }
        if (start < 0 || end <= start) {
            throw new InvalidInputException("span must satisfy 0 <= start < end, got start=" + start + " end=" + end);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new InvalidInputException("score must be in [0, 1], got " + score);
        }
        recognizer = Objects.requireNonNullElse(recognizer, "");
    }

    public RecognizerResult(String entityType, int start, int end, double score, String recognizer) {
        this(entityType, start, end, score, recognizer, null);
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(RecognizerResult other) {
        return start < other.end && other.start < end;
    }

    /** True when this span lies inside {@code other} (equal spans contain each other). */
    public boolean isContainedIn(RecognizerResult other) {
        return other.start <= start && end <= other.end;
    }

    public RecognizerResult withoutExplanation() {
        return explanation == null ? this : new RecognizerResult(entityType, start, end, score, recognizer, null);
    }
}
