package io.edgerouter.privacy.recognizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.privacy.InvalidInputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalyzerEngineTest {

    private static final AnalyzerEngine ENGINE = RecognizerRegistry.builtIn().toAnalyzer(Set.of("en"), 1_000);

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> ENGINE.analyze(null, "en", null, 0.0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("text: is required").extracting("field").isEqualTo("text");
    }

    @Test
    void rejectsEmptyText() {
        assertThatThrownBy(() -> ENGINE.analyze("", "en", null, 0.0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("text: must not be empty");
    }

    @Test
    void rejectsTextOverTheConfiguredMaximumNamingBothLengths() {
        assertThatThrownBy(() -> ENGINE.analyze("x".repeat(1_001), "en", null, 0.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1001").hasMessageContaining("1000");
    }

    @Test
    void rejectsUnknownEntityNamesListingTheSupportedOnes() {
        assertThatThrownBy(() -> ENGINE.analyze("hi", "en", List.of("SHOE_SIZE"), 0.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("SHOE_SIZE")
                .hasMessageContaining("EMAIL_ADDRESS");
    }

    @Test
    void rejectsUnsupportedLanguageAndOutOfRangeThreshold() {
        assertThatThrownBy(() -> ENGINE.analyze("hi", "xx", null, 0.0)).hasMessageContaining("'xx'");
        assertThatThrownBy(() -> ENGINE.analyze("hi", "en", null, 1.5)).hasMessageContaining("1.5");
    }

    @Test
    void returnsOnlyTheRequestedEntities() {
        String text = "mail john@example.com or call +44 20 7946 0958";
        List<RecognizerResult> results = ENGINE.analyze(text, "en", List.of("PHONE_NUMBER"), 0.0);
        assertThat(results).extracting(RecognizerResult::entityType).containsOnly("PHONE_NUMBER");
    }

    @Test
    void thresholdDropsWeakResults() {
        String text = "order 340020013 shipped";
        assertThat(ENGINE.analyze(text, "en", null, 0.0)).isNotEmpty();
        assertThat(ENGINE.analyze(text, "en", null, 0.4)).isEmpty();
    }

    @Test
    void dropsResultsContainedInAStrongerOne() {
        RecognizerResult url = new RecognizerResult("URL", 0, 30, 0.6, "u");
        RecognizerResult inner = new RecognizerResult("SECRET", 10, 30, 0.5, "s");
        RecognizerResult stronger = new RecognizerResult("EMAIL_ADDRESS", 5, 20, 1.0, "e");
        assertThat(AnalyzerEngine.dropContained(List.of(url, inner, stronger))).containsExactly(url, stronger);
    }

    @Test
    void dropContainedAgreesWithTheQuadraticDefinitionOnRandomSpans() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 300; trial++) {
            List<RecognizerResult> found = new java.util.ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                int start = random.nextInt(60);
                found.add(new RecognizerResult("PERSON", start, start + 1 + random.nextInt(15),
                        random.nextInt(5) / 4.0, "r" + i));
            }
            assertThat(AnalyzerEngine.dropContained(found)).as("trial %d", trial)
                    .containsExactlyInAnyOrderElementsOf(naiveDropContained(found));
        }
    }

    /** The definition: visit strongest first, drop a result lying inside one already kept. */
    private static List<RecognizerResult> naiveDropContained(List<RecognizerResult> found) {
        List<RecognizerResult> sorted = new java.util.ArrayList<>(found);
        sorted.sort(java.util.Comparator.comparingDouble(RecognizerResult::score).reversed()
                .thenComparing(java.util.Comparator.comparingInt(RecognizerResult::length).reversed())
                .thenComparingInt(RecognizerResult::start));
        List<RecognizerResult> kept = new java.util.ArrayList<>();
        for (RecognizerResult r : sorted) {
            if (kept.stream().noneMatch(r::isContainedIn)) {
                kept.add(r);
            }
        }
        return kept;
    }

    @Test
    void contextWordsFromTheRequestRaiseWeakMatches() {
        String text = "reference 340020013 attached";
        assertThat(ENGINE.analyze(text, "en", List.of("US_BANK_NUMBER"), 0.4, false, List.of())).isEmpty();
        assertThat(ENGINE.analyze(text, "en", List.of("US_BANK_NUMBER"), 0.4, false, List.of(), List.of("Reference")))
                .singleElement().satisfies(r -> assertThat(r.score()).isGreaterThanOrEqualTo(0.4));
    }

    @Test
    void explainsScoresWhenAsked() {
        List<RecognizerResult> results = ENGINE.analyze("card 4111 1111 1111 1111", "en", List.of("CREDIT_CARD"), 0.0,
                true, List.of());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.explanation()).isNotNull();
            assertThat(r.explanation().validationResult()).isTrue();
            assertThat(r.explanation().originalScore()).isEqualTo(0.3);
        });
    }
}
