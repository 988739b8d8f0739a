package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationRuleTest {

    private static Decision decision(Route route, double escalation) {
        return new Decision(route, 0.2, 0.2, List.of(), List.of(), List.of(), escalation, 4, "p", "m", 0);
    }

    @Test
    void escalatesALocalGenerationOnceEntropyReachesTheThreshold() {
        Decision d = decision(Route.LOCAL, 2.0);
        assertThat(EscalationRule.shouldEscalate(d, 8, 2.4)).contains("escalate:entropy>=2.00");
        assertThat(EscalationRule.shouldEscalate(d, 8, 1.9)).isEmpty();
    }

    @Test
    void waitsForAFullWindowAndNeverEscalatesWhenBarred() {
        assertThat(EscalationRule.shouldEscalate(decision(Route.LOCAL, 2.0), 3, 5.0)).isEmpty();
        assertThat(EscalationRule.shouldEscalate(decision(Route.LOCAL, 2.0), 4, 5.0)).isPresent();
        assertThat(EscalationRule.shouldEscalate(decision(Route.LOCAL, Double.NaN), 20, 5.0)).isEmpty();
        assertThat(EscalationRule.shouldEscalate(decision(Route.OFFLOAD, 2.0), 20, 5.0)).isEmpty();
        assertThat(EscalationRule.shouldEscalate(decision(Route.LOCAL, 2.0), 20, Double.NaN)).isEmpty();
    }

    private static Decision withFirstTokenEntropy(double entropy) {
        return new Decision(Route.LOCAL, 0.2, 0.2, List.of(), List.of(), List.of(), 2.0, 4, "p", "m", 0,
                io.edgerouter.router.feature.LocalModelSignals.fromPrefill(3.0, entropy));
    }

    @Test
    void theWindowStartsFromThePrefillsFirstTokenEntropy() {
        // window 4, limit 2.0; tokens of surprisal 1.0 never escalate alone
        EscalationRule.Window plain = EscalationRule.window(decision(Route.LOCAL, 2.0));
        EscalationRule.Window seeded = EscalationRule.window(withFirstTokenEntropy(5.0));
        assertThat(plain.emitted(1.0)).isEmpty();
        assertThat(seeded.emitted(1.0)).isEmpty();
        assertThat(plain.emitted(1.0)).isEmpty();
        assertThat(seeded.emitted(1.0)).isEmpty();
        // third token: the seeded window is full, (5 + 1 + 1 + 1) / 4 = 2.0 reaches the limit
        assertThat(plain.emitted(1.0)).isEmpty();
        assertThat(seeded.emitted(1.0)).contains("escalate:entropy>=2.00");
        assertThat(plain.emitted(1.0)).as("full, mean 1.0").isEmpty();
    }

    @Test
    void aConfidentFirstTokenNeverEscalatesOnItsOwnAndAgesOut() {
        EscalationRule.Window w = EscalationRule.window(withFirstTokenEntropy(9.0)); // far above the limit
        assertThat(w.samples()).isEqualTo(1);
        assertThat(w.emitted(0.1)).as("window not full yet").isEmpty();
        assertThat(w.emitted(0.1)).isEmpty();
        // full: (9 + 0.1 × 3) / 4 ≥ 2 escalates; once the seed ages out, low surprisal no longer does
        assertThat(w.emitted(0.1)).isPresent();
        assertThat(w.emitted(0.1)).isEmpty();
        EscalationRule.Window calm = EscalationRule.window(withFirstTokenEntropy(0.2));
        for (int i = 0; i < 10; i++) {
            assertThat(calm.emitted(1.5)).isEmpty();
        }
    }
}
