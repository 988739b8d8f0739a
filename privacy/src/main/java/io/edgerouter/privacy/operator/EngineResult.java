package io.edgerouter.privacy.operator;

import java.util.List;

/** Output of anonymize or deanonymize: the new text and one item per transformed span, sorted by start. */
public record EngineResult(String text, List<OperatorResult> items) {

    public EngineResult {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        items = List.copyOf(items);
    }
}
