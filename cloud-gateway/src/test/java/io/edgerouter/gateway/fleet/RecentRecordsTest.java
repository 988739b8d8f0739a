package io.edgerouter.gateway.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentRecordsTest {

    @Test
    void aRecordIsFirstOnceAndItsSubtasksAndOtherAgentsAreOthers() {
        RecentRecords recent = new RecentRecords(10);

        assertThat(recent.firstDelivery("agent-a", "req-1", 0)).isTrue();
        assertThat(recent.firstDelivery("agent-a", "req-1", 0)).as("delivered again").isFalse();
        assertThat(recent.firstDelivery("agent-a", "req-1", 1)).as("another subtask").isTrue();
        assertThat(recent.firstDelivery("agent-b", "req-1", 0)).as("another agent's hash").isTrue();
    }

    @Test
    void onlyTheLastCapacityKeysAreRememberedTheLeastRecentlySeenForgottenFirst() {
        RecentRecords recent = new RecentRecords(3);
        recent.firstDelivery("a", "r1", 0);
        recent.firstDelivery("a", "r2", 0);
        recent.firstDelivery("a", "r3", 0);
        recent.firstDelivery("a", "r1", 0); // seen again: now the most recent

        recent.firstDelivery("a", "r4", 0); // evicts r2

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.firstDelivery("a", "r1", 0)).isFalse();
        assertThat(recent.firstDelivery("a", "r2", 0)).as("beyond the window it counts again").isTrue();
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new RecentRecords(0)).hasMessageContaining("capacity must be at least 1, got 0");
    }
}
