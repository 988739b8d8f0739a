package io.edgerouter.privacy.recognizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * One row of a table-driven recognizer test: a text, the span expected to be found (or none) and the
 * allowed score range. {@code why} names the row in the test report.
 */
public record RecognizerRow(String why, String text, String expected, double minScore, double maxScore) {

    /** The recognizer must report {@code expected} with a score of at least {@code min}. */
    public static RecognizerRow found(String why, String text, String expected, double min) {
        return new RecognizerRow(why, text, expected, min, 1.0);
    }

    /** The recognizer reports {@code expected}, but only weakly (below {@code max}): no context, no checksum. */
    public static RecognizerRow weak(String why, String text, String expected, double max) {
        return new RecognizerRow(why, text, expected, 0.0, max);
    }

    /** The recognizer reports {@code expected} with a score in [{@code min}, {@code max}] (a pattern's exact ladder step). */
    public static RecognizerRow between(String why, String text, String expected, double min, double max) {
        return new RecognizerRow(why, text, expected, min, max);
    }

    /** The recognizer must report nothing at all for this text. */
    public static RecognizerRow none(String why, String text) {
        return new RecognizerRow(why, text, null, 0, 0);
    }

    public void check(Recognizer recognizer) {
        List<RecognizerResult> results = recognizer.analyze(new AnalysisInput(text));
        if (expected == null) {
            assertThat(results).as("nothing expected in: %s", text)
                    .extracting(r -> text.substring(r.start(), r.end())).isEmpty();
            return;
        }
        RecognizerResult hit = results.stream().filter(r -> text.substring(r.start(), r.end()).equals(expected))
                .findFirst().orElse(null);
        assertThat(hit).as("expected span '%s' in '%s', got %s", expected, text,
                results.stream().map(r -> text.substring(r.start(), r.end()) + "@" + r.score()).toList()).isNotNull();
        assertThat(hit.score()).as("score of '%s'", expected).isBetween(minScore, maxScore);
        assertThat(recognizer.supportedEntities()).contains(hit.entityType());
    }

    @Override
    public String toString() {
        return why;
    }
}
