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
}
