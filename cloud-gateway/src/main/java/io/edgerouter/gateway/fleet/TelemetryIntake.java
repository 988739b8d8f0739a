package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The first step of the learning topology: takes in the records of {@code edge.routing.decisions},
 * {@code edge.routing.ratings} and {@code edge.routing.policies}, checks them, and re-keys the good ones by fleet, so
 * that everything about one fleet meets in one task of {@link FleetLearner}. The record kind travels in the
 * {@value FleetTopology#EVENT_HEADER} header (set here, whatever a producer put there).
 *
 * <ul>
 *   <li>A decision or rating that cannot be read or breaks a rule is forwarded as {@linkplain Intake#rejected()
 *       rejected}, with the original key, value and headers plus {@code dead-letter-reason} and
 *       {@code dead-letter-topic}: the topology writes it to {@code edge.routing.telemetry.dlq}, nothing is lost.</li>
 *   <li>A policy is taken in only when it is signed by a key the gateway trusts, valid, and keyed by its own fleet
 *       (app-level keys {@code fleet/app} carry no thresholds to learn from). Anything else on the policy topic is
 *       skipped here; agents move it to their DLQ.</li>
 * </ul>
 */
final class TelemetryIntake implements Processor<String, byte[], String, TelemetryIntake.Intake> {

    private static final Logger LOG = Logger.getLogger(TelemetryIntake.class);
    static final Set<String> ROUTES = Set.of("LOCAL", "VERIFY", "OFFLOAD");
    static final String REASON_HEADER = "dead-letter-reason";
    static final String TOPIC_HEADER = "dead-letter-topic";

    /** A record on its way on: its value bytes, unchanged, and whether it goes to the DLQ. */
    record Intake(byte[] value, boolean rejected) {
    }

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final PolicyCodec codec;
    private final FleetTopology.PolicyKeys keys;
    private final Counter decisionsRejected;
    private final Counter ratingsRejected;
    private final Counter policiesSkipped;
    private ProcessorContext<String, Intake> context;

    TelemetryIntake(PolicyCodec codec, FleetTopology.PolicyKeys keys, MeterRegistry meters) {
        this.codec = codec;
        this.keys = keys;
        this.decisionsRejected = Counter.builder("gateway_decisions_rejected_total")
                .description("Telemetry records that were not valid decisions").register(meters);
        this.ratingsRejected = Counter.builder("gateway_ratings_rejected_total")
                .description("Telemetry records that were not valid ratings").register(meters);
        this.policiesSkipped = Counter.builder("gateway_learning_policies_skipped_total")
                .description("Records on the policy topic the learning loop did not take in: unsigned, forged, invalid or app-level")
                .register(meters);
    }

    @Override
    public void init(ProcessorContext<String, Intake> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        switch (topic) {
            case Topics.DECISIONS -> decision(record);
            case Topics.RATINGS -> rating(record);
            case Topics.POLICIES -> policy(record);
            default -> throw new IllegalStateException("record from unexpected topic " + topic);
        }
    }

    private void decision(Record<String, byte[]> record) {
        DecisionRecord d;
        try {
            d = JSON.readValue(bytes(record), DecisionRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            reject(record, Topics.DECISIONS, "not a decision record: " + firstLine(e));
            return;
        }
        if (d == null || blank(d.fleet()) || d.route() == null || !ROUTES.contains(d.route())
                || d.agentIdHash() == null || d.requestIdHash() == null
                || (d.score() != null && !(d.score() >= 0 && d.score() <= 1))) {
            reject(record, Topics.DECISIONS, "decision needs a fleet, agent_id_hash, request_id_hash, a route in "
                    + ROUTES + " and, when scored, a score in [0, 1]");
            return;
        }
        accept(record, d.fleet(), FleetTopology.DECISION);
    }

    private void rating(Record<String, byte[]> record) {
        RatingRecord r;
        try {
            r = JSON.readValue(bytes(record), RatingRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            reject(record, Topics.RATINGS, "not a rating record: " + firstLine(e));
            return;
        }
        if (r == null || blank(r.fleet()) || r.route() == null || !ROUTES.contains(r.route())
                || r.agentIdHash() == null || r.requestIdHash() == null) {
            reject(record, Topics.RATINGS, "rating needs a fleet, agent_id_hash, request_id_hash and a route in " + ROUTES);
            return;
        }
        accept(record, r.fleet(), FleetTopology.RATING);
    }

    private void policy(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return; // a tombstone: compaction's business, not a policy
        }
        try {
            keys.verify(record.value(), name -> {
                Header h = record.headers().lastHeader(name);
                return h == null ? null : h.value();
            });
            Policy policy = codec.parse(new String(record.value(), StandardCharsets.UTF_8));
            if (!record.key().equals(policy.fleet())) {
                policiesSkipped.increment();
                return; // an app's policy (fleet/app) or a key that lies about its fleet
            }
            accept(record, policy.fleet(), FleetTopology.POLICY);
        } catch (RuntimeException e) {
            policiesSkipped.increment();
            LOG.debugf("policy record key=%s not taken into the learning loop: %s", record.key(), e.getMessage());
        }
    }

    private void accept(Record<String, byte[]> record, String fleet, String kind) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(FleetTopology.EVENT_HEADER);
        headers.add(FleetTopology.EVENT_HEADER, kind.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(fleet, new Intake(record.value(), false), record.timestamp(), headers));
    }

    private void reject(Record<String, byte[]> record, String topic, String reason) {
        (Topics.DECISIONS.equals(topic) ? decisionsRejected : ratingsRejected).increment();
        LOG.debugf("%s record to the DLQ: %s", topic, reason);
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(FleetTopology.EVENT_HEADER);
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(record.key(), new Intake(record.value(), true), record.timestamp(), headers));
    }

    private static byte[] bytes(Record<String, byte[]> record) throws IOException {
        if (record.value() == null || record.value().length == 0) {
            throw new IOException("the record has no value");
        }
        return record.value();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
