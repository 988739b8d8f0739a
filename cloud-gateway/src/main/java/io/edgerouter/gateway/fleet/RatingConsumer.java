package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code edge.routing.ratings} into the fleet's statistics. Ratings are counted per fleet, app and route;
 * they never enter the score window, whose thresholds must be cut from the scores of routed traffic alone. Invalid
 * records are counted and moved to {@code edge.routing.telemetry.dlq} with the reason; a rating delivered again (same agent, request and subtask within the last
 * {@code gateway.learning.dedup-window} ratings) is counted and ignored.
 */
@ApplicationScoped
public class RatingConsumer {

    private static final Logger LOG = Logger.getLogger(RatingConsumer.class);

    private final ObjectMapper json;
    private final FleetLearning learning;
    private final RecentRecords recent;
    private final Counter rejected;
    private final Counter duplicates;

    RatingConsumer(ObjectMapper json, FleetLearning learning, GatewayConfig config, MeterRegistry registry) {
        this.json = json;
        this.learning = learning;
        this.recent = new RecentRecords(config.learning().dedupWindow());
        this.rejected = Counter.builder("gateway_ratings_rejected_total")
                .description("Telemetry records that were not valid ratings").register(registry);
        this.duplicates = Counter.builder("gateway_telemetry_duplicates_total").tag("topic", Topics.RATINGS)
                .description("Telemetry records ignored because the same record was already taken in").register(registry);
    }

    @Incoming("ratings")
    @Blocking
    public void consume(String value) {
        RatingRecord r;
        try {
            r = json.readValue(value, RatingRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw reject("not a rating record: " + e.getMessage());
        }
        if (r.fleet() == null || r.fleet().isBlank() || r.route() == null || !DecisionConsumer.ROUTES.contains(r.route())
                || r.agentIdHash() == null || r.requestIdHash() == null) {
            throw reject("rating needs a fleet, agent_id_hash, request_id_hash and a route in " + DecisionConsumer.ROUTES);
        }
        if (!recent.firstDelivery(r.agentIdHash(), r.requestIdHash(), r.subtaskIndex())) {
            duplicates.increment();
            return;
        }
        learning.rate(r);
    }

    /** Counts a record that is not a valid rating; thrown, it sends the record to {@link Topics#TELEMETRY_DLQ}. */
    private IllegalArgumentException reject(String why) {
        rejected.increment();
        LOG.debugf("rating to the DLQ: %s", why);
        return new IllegalArgumentException(why);
    }
}
