package io.edgerouter.agent.egress;

import io.edgerouter.protocol.policy.Policy;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetTest {

    @Test
    void theHourlyAndTheDailyTokenBudgetsAndTheMoneyBudgetAreEachEnforced() {
        Policy.Budget perHour = new Policy.Budget(OptionalLong.of(1000), OptionalLong.empty(), OptionalDouble.empty(), 0);
        Policy.Budget perDay = new Policy.Budget(OptionalLong.empty(), OptionalLong.of(5000), OptionalDouble.empty(), 0);
        Policy.Budget money = new Policy.Budget(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.of(0.5), 2.0);
        assertThat(EgressGate.spent(perHour, 999, 99_999, 99)).isFalse();
        assertThat(EgressGate.spent(perHour, 1000, 0, 0)).isTrue();
        // a day's budget holds even when every hour stays under its own
        assertThat(EgressGate.spent(perDay, 10, 4999, 0)).isFalse();
        assertThat(EgressGate.spent(perDay, 10, 5000, 0)).isTrue();
        assertThat(EgressGate.spent(money, 0, 0, 0.49)).isFalse();
        assertThat(EgressGate.spent(money, 0, 0, 0.5)).isTrue();
        assertThat(EgressGate.spent(Policy.Budget.UNLIMITED, Long.MAX_VALUE, Long.MAX_VALUE, 1e9)).isFalse();
    }
}
