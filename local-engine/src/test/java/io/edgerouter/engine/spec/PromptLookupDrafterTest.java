package io.edgerouter.engine.spec;

import io.edgerouter.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptLookupDrafterTest {

    private final PromptLookupDrafter drafter = new PromptLookupDrafter(3, 1);

    @Test
    void proposesWhatFollowedTheMostRecentEarlierOccurrenceOfTheLastTrigram() {
        int[] seq = {5, 1, 2, 3, 9, 9, 1, 2, 3, 7, 8, 4, 1, 2, 3};
        assertThat(drafter.draft(seq, 3).tokens()).containsExactly(7, 8, 4);
    }

    @Test
    void fallsBackToShorterNgramsAndStopsAtTheEndOfTheSequence() {
        int[] seq = {4, 6, 8, 2, 6};
        assertThat(drafter.draft(seq, 5).tokens()).containsExactly(8, 2, 6);
    }

    @Test
    void proposesNothingWithoutAMatch() {
        assertThat(drafter.draft(new int[] {1, 2, 3, 4}, 4).size()).isZero();
        assertThat(drafter.draft(new int[] {1}, 4).size()).isZero();
    }

    @Test
    void rejectsInvalidNgramSizes() {
        assertThatThrownBy(() -> new PromptLookupDrafter(2, 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("min=0");
        assertThatThrownBy(() -> drafter.draft(new int[] {1, 1}, -1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("k must be ≥ 0, got -1");
    }
}
