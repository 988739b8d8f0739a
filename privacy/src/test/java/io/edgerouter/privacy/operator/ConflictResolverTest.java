package io.edgerouter.privacy.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.privacy.recognizer.RecognizerResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictResolverTest {

    private static RecognizerResult r(String type, int start, int end, double score) {
        return new RecognizerResult(type, start, end, score, "t");
    }

    @Test
    void mergeOverlapsCoversTheUnionTypedByTheStrongest() {
        List<RecognizerResult> out = ConflictResolver.resolve(
                List.of(r("URL", 0, 20, 0.6), r("EMAIL_ADDRESS", 10, 30, 1.0), r("PERSON", 40, 45, 0.85)),
                ConflictResolution.MERGE_OVERLAPS);
        assertThat(out).extracting(RecognizerResult::entityType, RecognizerResult::start, RecognizerResult::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS", 0, 30),
                        org.assertj.core.groups.Tuple.tuple("PERSON", 40, 45));
    }

    @Test
    void highestScoreWinsDropsTheWeakerOverlappingSpan() {
        List<RecognizerResult> out = ConflictResolver.resolve(
                List.of(r("URL", 0, 20, 0.6), r("EMAIL_ADDRESS", 10, 30, 1.0)), ConflictResolution.HIGHEST_SCORE_WINS);
        assertThat(out).containsExactly(r("EMAIL_ADDRESS", 10, 30, 1.0));
    }

    @Test
    void onEqualScoresTheLongerSpanWins() {
        List<RecognizerResult> out = ConflictResolver.resolve(
                List.of(r("PHONE_NUMBER", 0, 10, 0.4), r("US_BANK_NUMBER", 0, 14, 0.4)), ConflictResolution.HIGHEST_SCORE_WINS);
        assertThat(out).containsExactly(r("US_BANK_NUMBER", 0, 14, 0.4));
    }

    @Test
    void adjacentSpansDoNotConflict() {
        List<RecognizerResult> in = List.of(r("PERSON", 0, 5, 0.8), r("LOCATION", 5, 9, 0.8));
        assertThat(ConflictResolver.resolve(in, ConflictResolution.MERGE_OVERLAPS)).hasSize(2);
        assertThat(ConflictResolver.resolve(in, ConflictResolution.HIGHEST_SCORE_WINS)).hasSize(2);
    }

    @Test
    void highestScoreWinsAgreesWithTheQuadraticDefinitionOnRandomSpans() {
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 300; trial++) {
            List<RecognizerResult> spans = new java.util.ArrayList<>();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                int start = random.nextInt(80);
                spans.add(new RecognizerResult("URL", start, start + 1 + random.nextInt(12), random.nextInt(6) / 5.0,
                        "r" + i));
            }
            List<RecognizerResult> sorted = new java.util.ArrayList<>(spans);
            sorted.sort(ConflictResolver.STRONGEST_FIRST);
            List<RecognizerResult> naive = new java.util.ArrayList<>();
            for (RecognizerResult r : sorted) {
                if (naive.stream().noneMatch(r::overlaps)) {
                    naive.add(r);
                }
            }
            naive.sort(java.util.Comparator.comparingInt(RecognizerResult::start));
            assertThat(ConflictResolver.resolve(spans, ConflictResolution.HIGHEST_SCORE_WINS)).as("trial %d", trial)
                    .containsExactlyElementsOf(naive);
        }
    }
}
