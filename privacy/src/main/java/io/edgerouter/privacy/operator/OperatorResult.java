package io.edgerouter.privacy.operator;

/**
 * One transformed span of the output text: {@code [start, end)} are offsets in the new text, {@code text}
 * is what was written there and {@code operator} which operator wrote it (Presidio's "items").
 */
public record OperatorResult(int start, int end, String entityType, String text, String operator) {

    public OperatorResult {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("need 0 <= start <= end, got " + start + ".." + end);
        }
    }
}
