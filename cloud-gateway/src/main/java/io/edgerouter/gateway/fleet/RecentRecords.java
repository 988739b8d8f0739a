package io.edgerouter.gateway.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent telemetry records a consumer has taken in, by (agent, request, subtask), so that a record delivered
 * again is ignored. Kafka delivers at least once (a consumer-group rebalance re-reads uncommitted offsets) and an
 * agent's disk buffer resends what Kafka did not acknowledge: without this a replay would count twice and skew the
 * score window. Bounded: only the last {@code capacity} keys are remembered (oldest forgotten first), so a replay
 * older than that window counts again. Thread-safe.
 */
final class RecentRecords {

    /** What identifies one record: the same completion's subtask from the same agent. */
    private record Key(String agentIdHash, String requestIdHash, int subtaskIndex) {
    }

    private final Map<Key, Boolean> seen;

    RecentRecords(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time a key is offered (and remembers it); false for a key still remembered. */
    synchronized boolean firstDelivery(String agentIdHash, String requestIdHash, int subtaskIndex) {
        return seen.put(new Key(agentIdHash, requestIdHash, subtaskIndex), Boolean.TRUE) == null;
    }

    synchronized int size() {
        return seen.size();
    }
}
