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
        if (!isEntityName(entityType)) {
            throw new InvalidInputException("entity_type", "must be 1-64 upper-case letters, digits or '_' starting"
                    + " with a letter (e.g. PERSON, EMPLOYEE_ID), got '" + entityType + "'");
        }
        if (start < 0) {
            throw new InvalidInputException("start", "must be >= 0, got " + start);
        }
        if (end <= start) {
            throw new InvalidInputException("end", "must be greater than start (" + start + "), got " + end);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new InvalidInputException("score", "must be in [0, 1], got " + score);
        }
        recognizer = Objects.requireNonNullElse(recognizer, "");
    }

    public RecognizerResult(String entityType, int start, int end, double score, String recognizer) {
        this(entityType, start, end, score, recognizer, null);
    }

    /**
     * Entity names are upper case, as Presidio's are; the vault's placeholders ({@code <EMAIL_ADDRESS_1>}) rely on
     * it to be recognisable in the cloud's answer.
     */
    public static boolean isEntityName(String s) {
        if (s == null || s.isEmpty() || s.length() > 64 || s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
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
