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
}
