package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Consumes {@code edge.routing.decisions} into the learning loop. A record that is not a decision is counted and
 * moved to {@code edge.routing.telemetry.dlq} with the reason (the channel's dead-letter-queue strategy), and the loop
 * goes on with the next one. A decision delivered again (same agent, request and
 * subtask within the last {@code gateway.learning.dedup-window} records) is counted and ignored.
 */
@ApplicationScoped
public class DecisionConsumer {

    private static final Logger LOG = Logger.getLogger(DecisionConsumer.class);
    static final Set<String> ROUTES = Set.of("LOCAL", "VERIFY", "OFFLOAD");

    private final ObjectMapper json;
    private final FleetLearning learning;
    private final RecentRecords recent;
    private final Counter rejected;
    private final Counter duplicates;

    DecisionConsumer(ObjectMapper json, FleetLearning learning, GatewayConfig config, MeterRegistry registry) {
        this.json = json;
        this.learning = learning;
        this.recent = new RecentRecords(config.learning().dedupWindow());
        this.rejected = Counter.builder("gateway_decisions_rejected_total")
                .description("Telemetry records that were not valid decisions").register(registry);
        this.duplicates = Counter.builder("gateway_telemetry_duplicates_total").tag("topic", Topics.DECISIONS)
                .description("Telemetry records ignored because the same record was already taken in").register(registry);
    }

    @Incoming("decisions")
    @Blocking
    public void consume(String value) {
        DecisionRecord d;
        try {
            d = json.readValue(value, DecisionRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw reject("not a decision record: " + e.getMessage());
        }
        if (d.fleet() == null || d.fleet().isBlank() || d.route() == null || !ROUTES.contains(d.route())
                || d.agentIdHash() == null || d.requestIdHash() == null
                || (d.score() != null && !(d.score() >= 0 && d.score() <= 1))) {
            throw reject("decision needs a fleet, agent_id_hash, request_id_hash, a route in " + ROUTES
                    + " and, when scored, a score in [0, 1]");
        }
        if (!recent.firstDelivery(d.agentIdHash(), d.requestIdHash(), d.subtaskIndex())) {
            duplicates.increment();
            return;
        }
        learning.record(d);
    }

    /** Counts a record that is not a valid decision; thrown, it sends the record to {@link Topics#TELEMETRY_DLQ}. */
    private IllegalArgumentException reject(String why) {
        rejected.increment();
        LOG.debugf("decision to the DLQ: %s", why);
        return new IllegalArgumentException(why);
    }
}
