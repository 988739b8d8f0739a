package io.edgerouter.agent.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeldBackTest {

    @Test
    void whatTheLoopHeldBackIsTheFinalTextBeyondTheDeltas() {
        StringBuilder passed = new StringBuilder();
        HeldBack held = new HeldBack((id, delta) -> passed.append(delta));
        held.onToken(1, "Hello");
        held.onToken(2, "", -0.5); // "\nUs" held back: it may begin the stop string "\nUser:"
        assertThat(passed).hasToString("Hello");
        assertThat(held.rest("Hello\nUs")).isEqualTo("\nUs");
        assertThat(held.rest("Hello")).isEmpty();
        assertThat(held.rest("Something else")).isEmpty(); // never re-emit text that was not a continuation
    }
}
