package io.edgerouter.engine.spec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DraftLengthControllerTest {

    @Test
    void growsKWhileDraftsAreAcceptedAndShrinksItWhenTheyAreNot() {
        DraftLengthController c = new DraftLengthController(1, 10, 2);
        for (int i = 0; i < 20; i++) {
            c.record(c.k(), c.k());
        }
        assertThat(c.k()).isEqualTo(10);
        for (int i = 0; i < 20; i++) {
            c.record(c.k(), 0);
        }
        assertThat(c.k()).isEqualTo(1);
        assertThat(c.acceptanceRate()).isBetween(0.3, 0.9);
    }

    @Test
    void ignoresRoundsWithoutADraft() {
        DraftLengthController c = DraftLengthController.fixed(4);
        c.record(0, 0);
        assertThat(c.drafted()).isZero();
        assertThat(c.k()).isEqualTo(4);
    }
}
