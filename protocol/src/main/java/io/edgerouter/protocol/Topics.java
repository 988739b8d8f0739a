package io.edgerouter.protocol;

/** Kafka topic names shared by the edge agents and the cloud gateway. */
public final class Topics {

    /** Compacted; key = fleet (or fleet/app), value = versioned policy JSON. */
    public static final String POLICIES = "edge.routing.policies";

    /** Rejected policy messages, with the reason in the value and the original key. */
    public static final String POLICIES_DLQ = "edge.routing.policies.dlq";

    /** One record per routed request or subtask; hashed ids only, never prompt text or PII. */
    public static final String DECISIONS = "edge.routing.decisions";

    /**
     * One record per user rating of a completion ({@code POST /v1/feedback}); hashed ids only. Apart from the
     * decisions so a rating never passes for a routed request and never enters the fleet's score distribution.
     */
    public static final String RATINGS = "edge.routing.ratings";

    /**
     * Telemetry records (decisions and ratings) the gateway could not take in, with the reason in the
     * {@code dead-letter-reason} header and the original topic in {@code dead-letter-topic}: nothing is lost, and the
     * learning loop keeps running.
     */
    public static final String TELEMETRY_DLQ = "edge.routing.telemetry.dlq";

    /**
     * Compacted; key = fleet, value = the fleet's statistics ({@code FleetStats} JSON) as the gateway's learning loop
     * last emitted them. Every gateway replica reads it whole, so each answers {@code GET /v1/fleet/{fleet}/stats}
     * alike, whichever replica owns the fleet's partition.
     */
    public static final String FLEET_STATS = "edge.routing.fleet-stats";

    private Topics() {
    }
}
