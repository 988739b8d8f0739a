package io.edgerouter.gateway.fleet;

import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The fleet learning loop as a Kafka Streams topology (plain Java; {@link LearningStreams} runs it in the gateway).
 *
 * <pre>
 * edge.routing.decisions ─┐                     rejected ─> edge.routing.telemetry.dlq (+ dead-letter-reason, -topic)
 * edge.routing.ratings   ─┼─ intake: check, key by fleet ─> repartition &lt;app-id&gt;-fleet-events-repartition
 * edge.routing.policies  ─┘   (policies: signed by the gateway, fleet-level)      │
 *                                                                                  v
 *                learn (one task per partition: one owner per fleet), persistent stores with changelogs:
 *                  telemetry-dedupe (window) · fleet-state · fleet-apps · fleet-scores · fleet-policy
 *                    ├─> edge.routing.policies    learned policy, signed, version = fleet-policy's + 1
 *                    └─> edge.routing.fleet-stats statistics of the fleets that changed, every stats-interval
 * edge.routing.fleet-stats ─> global store fleet-stats-view, on every replica ─> GET /v1/fleet/{fleet}/stats
 * </pre>
 */
public final class FleetTopology {

    /** Name of the repartition step (topic {@code <application.id>-fleet-events-repartition}). */
    public static final String FLEET_EVENTS = "fleet-events";
    public static final String DEDUPE_STORE = "telemetry-dedupe";
    public static final String STATE_STORE = "fleet-state";
    public static final String APPS_STORE = "fleet-apps";
    public static final String SCORES_STORE = "fleet-scores";
    public static final String POLICY_STORE = "fleet-policy";
    /** The global store every replica answers statistics from. */
    public static final String STATS_VIEW = "fleet-stats-view";

    /** Header naming the kind of a record on {@code fleet-events}: {@link #DECISION}, {@link #RATING}, {@link #POLICY}. */
    static final String EVENT_HEADER = "edge-event";
    static final String DECISION = "decision";
    static final String RATING = "rating";
    static final String POLICY = "policy";

    /**
     * What the loop does.
     *
     * @param recalibrate        whether telemetry may trigger learned policies (statistics are kept either way)
     * @param minDecisions       scored decisions between two recalibrations of a fleet
     * @param scoreWindow        most recent scores kept per fleet
     * @param minThresholdChange smallest threshold move worth a new policy version
     * @param maxAppsPerFleet    apps counted apart per fleet; the rest under {@code (other)}
     * @param dedupRetention     how long a delivered (agent, request, subtask) is remembered
     * @param statsInterval      wall-clock time between two emissions of a changed fleet's statistics
     * @param declaredFleet      whether a fleet is named in the configuration; telemetry of a fleet neither declared
     *                           nor with a policy goes to the DLQ, so made-up fleet names cannot grow the state
     */
    public record Settings(boolean recalibrate, int minDecisions, int scoreWindow, double minThresholdChange,
                           int maxAppsPerFleet, Duration dedupRetention, Duration statsInterval,
                           java.util.function.Predicate<String> declaredFleet) {
    }

    /** How the loop signs what it publishes and checks what it reads back. */
    public interface PolicyKeys {

        /** The signature headers of a policy record's value. */
        Map<String, byte[]> sign(byte[] value);

        /** Throws when the value is not signed by a key the gateway trusts ({@code header} looks record headers up). */
        void verify(byte[] value, Function<String, byte[]> header);
    }

    /** A record the loop writes: the topic it goes to and its value. */
    record Learned(String topic, byte[] value) {
    }

    private static final Serde<Learned> LEARNED = Serdes.serdeFrom(
            (Serializer<Learned>) (topic, learned) -> learned == null ? null : learned.value(),
            (Deserializer<Learned>) (topic, bytes) -> {
                throw new UnsupportedOperationException("learned records are only written");
            });

    private FleetTopology() {
    }

    public static Topology build(Settings settings, PolicyCodec codec, PolicyKeys keys, MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        // cached: a fleet's records update the same keys over and over; with the record cache only the last value per
        // key and commit reaches RocksDB and the changelog, not every intermediate one
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUPE_STORE, settings.dedupRetention(), Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        for (String store : new String[] {STATE_STORE, APPS_STORE, SCORES_STORE, POLICY_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                    Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        }

        Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
        KStream<String, byte[]> telemetry = builder.stream(Topics.DECISIONS, raw.withName("decisions"))
                .merge(builder.stream(Topics.RATINGS, raw.withName("ratings")), Named.as("telemetry"))
                .merge(builder.stream(Topics.POLICIES, raw.withName("policies")), Named.as("telemetry-and-policies"));
        telemetry.process(() -> new TelemetryIntake(codec, keys, meters), Named.as("intake"))
                .split(Named.as("intake-"))
                .branch((key, intake) -> intake.rejected(), Branched.withConsumer(rejected -> rejected
                        .mapValues(TelemetryIntake.Intake::value, Named.as("rejected-value"))
                        .to(Topics.TELEMETRY_DLQ, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dlq")),
                        "rejected"))
                .defaultBranch(Branched.withConsumer(events -> events
                        .mapValues(TelemetryIntake.Intake::value, Named.as("event-value"))
                        .repartition(Repartitioned.<String, byte[]>as(FLEET_EVENTS)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
                        .process(() -> new FleetLearner(settings, codec, keys, meters), Named.as("learn"),
                                DEDUPE_STORE, STATE_STORE, APPS_STORE, SCORES_STORE, POLICY_STORE)
                        .to((key, learned, context) -> learned.topic(),
                                Produced.with(Serdes.String(), LEARNED).withName("learned")),
                        "accepted"));

        builder.globalTable(Topics.FLEET_STATS, Consumed.with(Serdes.String(), Serdes.String()).withName("stats"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STATS_VIEW)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        return builder.build();
    }
}
