package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.gateway.policy.PolicyRegistry;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.fleet.FleetStats;
import io.edgerouter.protocol.fleet.Identifiers;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The learning loop for the fleets of one partition of the {@code fleet-events} topic. Kafka Streams gives each
 * partition to exactly one task, so each fleet has exactly one of these at a time, in one gateway replica: the only
 * writer of the fleet's learned policies. Everything it knows is in its state stores (changelogged, so a replica that
 * takes the partition over after a crash or a rebalance continues from the last committed state, exactly once).
 *
 * <ul>
 *   <li>Decisions and ratings are de-duplicated on (kind, agent, request, subtask) in a window store: Kafka delivers at
 *       least once and agents resend what was not acknowledged.</li>
 *   <li>Decisions and ratings add to the fleet's and the app's counters; scored decisions add to the score window
 *       (forced or unscored ones say nothing about the traffic thresholds act on).</li>
 *   <li>Policies read from the compacted topic become the fleet's current policy when newer. Its version and the
 *       operator's target share come from there, never from memory.</li>
 *   <li>Every {@code min-decisions} scored decisions, the thresholds are recalibrated ({@link Recalibrator}); a policy
 *       whose thresholds moved is signed and written to {@code edge.routing.policies} as the current version + 1, in
 *       the same transaction as the state that led to it.</li>
 *   <li>Every {@code stats-interval} of wall-clock time the statistics of the fleets that changed go to the compacted
 *       {@code edge.routing.fleet-stats} topic, which every replica reads.</li>
 * </ul>
 */
final class FleetLearner implements Processor<String, byte[], String, FleetTopology.Learned> {

    private static final Logger LOG = Logger.getLogger(FleetLearner.class);

    /** Separates fleet and app in the {@code fleet-apps} store's keys; never part of an identifier. */
    static final char APP_SEPARATOR = '\u0000';

    /**
     * The statistics bucket of apps beyond {@code gateway.learning.max-apps-per-fleet} and of app ids that are not
     * identifiers; itself not an identifier, so no real app shares it.
     */
    static final String OTHER_APPS = "(other)";

    /** The stores' JSON: fields as they are, so the counters need no getters to be kept. */
    static final ObjectMapper STATE_JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One fleet's counters beyond its apps', as kept in the {@code fleet-state} store. */
    static final class FleetState {
        RouteCounters total = new RouteCounters();
        long sinceRecalibration;
        long recalibrations;
        int trackedApps;
    }

    private final FleetTopology.Settings settings;
    private final PolicyCodec codec;
    private final FleetTopology.PolicyKeys keys;
    private final Recalibrator recalibrator;
    private final Counter duplicates;
    private final Counter unscored;
    private final Counter published;
    private final Counter foldedInvalid;
    private final Counter foldedOverLimit;
    private final Counter unknownFleets;
    private final Set<String> changed = new LinkedHashSet<>();

    private ProcessorContext<String, FleetTopology.Learned> context;
    private WindowStore<String, Long> seen;
    private KeyValueStore<String, byte[]> fleets;
    private KeyValueStore<String, byte[]> apps;
    private KeyValueStore<String, byte[]> scores;
    private KeyValueStore<String, byte[]> policies;

    FleetLearner(FleetTopology.Settings settings, PolicyCodec codec, FleetTopology.PolicyKeys keys, MeterRegistry meters) {
        this.settings = settings;
        this.codec = codec;
        this.keys = keys;
        this.recalibrator = new Recalibrator(settings.minThresholdChange());
        this.duplicates = Counter.builder("gateway_telemetry_duplicates_total")
                .description("Telemetry records ignored because the same record was already taken in").register(meters);
        this.unscored = Counter.builder("gateway_decisions_unscored_total")
                .description("Decisions kept out of the score window: forced routes and answers nothing was scored for")
                .register(meters);
        this.published = Counter.builder("gateway_recalibrated_policies_total")
                .description("Policies the learning loop published").register(meters);
        this.foldedInvalid = Counter.builder("gateway_app_ids_folded_total").tag("reason", "invalid")
                .description("Telemetry records counted under (other): app id not an identifier, or too many apps")
                .register(meters);
        this.foldedOverLimit = Counter.builder("gateway_app_ids_folded_total").tag("reason", "over_limit")
                .description("Telemetry records counted under (other): app id not an identifier, or too many apps")
                .register(meters);
        this.unknownFleets = Counter.builder("gateway_telemetry_unknown_fleet_total")
                .description("Telemetry records sent to the DLQ because their fleet is neither declared nor has a policy")
                .register(meters);
    }

    @Override
    public void init(ProcessorContext<String, FleetTopology.Learned> context) {
        this.context = context;
        this.seen = context.getStateStore(FleetTopology.DEDUPE_STORE);
        this.fleets = context.getStateStore(FleetTopology.STATE_STORE);
        this.apps = context.getStateStore(FleetTopology.APPS_STORE);
        this.scores = context.getStateStore(FleetTopology.SCORES_STORE);
        this.policies = context.getStateStore(FleetTopology.POLICY_STORE);
        // a task taken over from another replica re-announces its fleets: the last owner may have died before it did
        try (KeyValueIterator<String, byte[]> all = fleets.all()) {
            all.forEachRemaining(kv -> changed.add(kv.key));
        }
        context.schedule(settings.statsInterval(), PunctuationType.WALL_CLOCK_TIME, this::emitStats);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Header kind = record.headers().lastHeader(FleetTopology.EVENT_HEADER);
        String event = kind == null ? "" : new String(kind.value(), StandardCharsets.UTF_8);
        if ((FleetTopology.DECISION.equals(event) || FleetTopology.RATING.equals(event))
                && !settings.declaredFleet().test(record.key()) && policies.get(record.key()) == null) {
            unknownFleet(record, event);
            return;
        }
        switch (event) {
            case FleetTopology.DECISION -> decision(record.key(), read(record.value(), DecisionRecord.class), record.timestamp());
            case FleetTopology.RATING -> rating(record.key(), read(record.value(), RatingRecord.class), record.timestamp());
            case FleetTopology.POLICY -> policy(record.key(), record.value(), record.timestamp());
            default -> throw new IllegalArgumentException("fleet event without a known " + FleetTopology.EVENT_HEADER + " header");
        }
    }

    /**
     * Telemetry of a fleet the gateway does not know (not in {@code gateway.fleets} nor bound to a key, and without a
     * policy) goes to the telemetry DLQ: a made-up fleet name must not grow the stores and the statistics topic.
     */
    private void unknownFleet(Record<String, byte[]> record, String event) {
        String topic = FleetTopology.DECISION.equals(event) ? Topics.DECISIONS : Topics.RATINGS;
        unknownFleets.increment();
        String reason = "unknown fleet '" + record.key() + "': not declared (gateway.fleets, gateway.agents.<id>.fleets)"
                + " and without a policy";
        context.forward(new Record<>(record.key(), new FleetTopology.Learned(Topics.TELEMETRY_DLQ, record.value()),
                record.timestamp(), TelemetryIntake.deadLetterHeaders(record.headers(), topic, reason)));
    }

    private void decision(String fleet, DecisionRecord d, long timestamp) {
        FleetState state = take(fleet, "d", d.agentIdHash(), d.requestIdHash(), d.subtaskIndex(), d.app(), timestamp,
                counters -> counters.add(d));
        if (state == null) {
            return;
        }
        if (!d.isThresholdSample()) {
            unscored.increment();
        } else {
            ScoreWindow window = ScoreWindow.fromBytes(scores.get(fleet), settings.scoreWindow());
            window.add(d.score());
            scores.put(fleet, window.toBytes());
            state.sinceRecalibration++;
            if (settings.recalibrate() && state.sinceRecalibration >= settings.minDecisions()) {
                currentPolicy(fleet).ifPresent(current -> recalibrate(fleet, state, current, window, timestamp));
            }
        }
        fleets.put(fleet, write(state));
    }

    private void rating(String fleet, RatingRecord r, long timestamp) {
        FleetState state = take(fleet, "r", r.agentIdHash(), r.requestIdHash(), r.subtaskIndex(), r.app(), timestamp,
                counters -> counters.add(r));
        if (state != null) {
            fleets.put(fleet, write(state));
        }
    }

    /**
     * Counts a decision or rating ({@code kind} "d" or "r") in its app's counters (stored here) and in the fleet's
     * (returned, for the caller to store once done with it); {@code null}, counting nothing, when it was delivered
     * before.
     */
    private FleetState take(String fleet, String kind, String agent, String request, int subtask, String appId,
                            long timestamp, java.util.function.Consumer<RouteCounters> count) {
        if (!firstDelivery(kind, agent, request, subtask, timestamp)) {
            duplicates.increment();
            return null;
        }
        FleetState state = state(fleet);
        count.accept(state.total);
        String app = appKey(appId);
        String key = appStoreKey(fleet, app);
        byte[] stored = apps.get(key);
        if (stored == null && !app.isEmpty() && !app.equals(OTHER_APPS)) {
            if (state.trackedApps >= settings.maxAppsPerFleet()) {
                foldedOverLimit.increment();
                app = OTHER_APPS;
                key = appStoreKey(fleet, app);
                stored = apps.get(key);
            } else {
                state.trackedApps++;
            }
        }
        RouteCounters counters = stored == null ? new RouteCounters() : read(stored, RouteCounters.class);
        count.accept(counters);
        apps.put(key, write(counters));
        changed.add(fleet);
        return state;
    }

    private void policy(String fleet, byte[] value, long timestamp) {
        Policy incoming = codec.parse(new String(value, StandardCharsets.UTF_8));
        Optional<Policy> current = currentPolicy(fleet);
        if (current.isPresent() && current.get().version() >= incoming.version()) {
            return; // our own learned policy read back, or an older record of the compacted topic
        }
        policies.put(fleet, value);
        if (fleets.get(fleet) == null) {
            return; // no telemetry yet: the fleet has no statistics to show, and nothing to recalibrate from
        }
        changed.add(fleet); // its statistics show the policy version
        FleetState state = state(fleet);
        // the fleet's first policy, after its telemetry already asked for a recalibration: do it now
        if (current.isEmpty() && settings.recalibrate() && state.sinceRecalibration >= settings.minDecisions()) {
            recalibrate(fleet, state, incoming, ScoreWindow.fromBytes(scores.get(fleet), settings.scoreWindow()), timestamp);
            fleets.put(fleet, write(state));
        }
    }

    private void recalibrate(String fleet, FleetState state, Policy current, ScoreWindow window, long timestamp) {
        state.sinceRecalibration = 0;
        Recalibrator.Observation observation = new Recalibrator.Observation(window.sorted(), state.total.decisions(),
                state.total.cloudDecisions(), state.total.cloudTokens(), state.total.spanHours());
        Optional<Policy> next = recalibrator.recalibrate(current, observation, PolicyRegistry.LEARNING_LOOP);
        if (next.isEmpty()) {
            return;
        }
        byte[] value = codec.write(next.get()).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> signature;
        try {
            signature = keys.sign(value);
        } catch (RuntimeException e) {
            LOG.warnf("fleet %s: recalibrated policy not published: %s", fleet, e.getMessage());
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        signature.forEach(headers::add);
        context.forward(new Record<>(fleet, new FleetTopology.Learned(Topics.POLICIES, value), timestamp, headers));
        policies.put(fleet, value);
        state.recalibrations++;
        published.increment();
        Policy.Thresholds t = next.get().routing().thresholds().orElseThrow();
        LOG.infof("fleet %s recalibrated from %d scores: offload >= %.4f, verify >= %.4f (v%d)",
                fleet, window.size(), t.offload(), t.verify(), next.get().version());
    }

    /** Emits the statistics of every fleet that changed since the last call. */
    private void emitStats(long now) {
        for (String fleet : changed) {
            byte[] json;
            try {
                json = TelemetryIntake.JSON.writeValueAsBytes(stats(fleet));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            context.forward(new Record<>(fleet, new FleetTopology.Learned(Topics.FLEET_STATS, json), now));
        }
        changed.clear();
    }

    FleetStats stats(String fleet) {
        FleetState state = state(fleet);
        Optional<Policy> policy = currentPolicy(fleet);
        double usdPerMillion = policy.map(p -> p.budget().usdPerMillionTokens()).orElse(0.0);
        Map<String, FleetStats.RouteStats> byApp = new TreeMap<>();
        String prefix = fleet + APP_SEPARATOR;
        try (KeyValueIterator<String, byte[]> it = apps.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                byApp.put(kv.key.substring(prefix.length()), read(kv.value, RouteCounters.class).snapshot(usdPerMillion));
            }
        }
        int window = ScoreWindow.sizeOf(scores.get(fleet), settings.scoreWindow());
        return new FleetStats(fleet, policy.map(Policy::version).orElse(0L), state.recalibrations, window,
                state.total.snapshot(usdPerMillion), byApp);
    }

    /** Whether this is the first delivery of the record within the de-duplication retention. */
    private boolean firstDelivery(String kind, String agent, String request, int subtask, long timestamp) {
        String key = kind + '|' + agent + '|' + request + '|' + subtask;
        long retention = settings.dedupRetention().toMillis();
        try (WindowStoreIterator<Long> earlier = seen.fetch(key, timestamp - retention, timestamp + retention)) {
            if (earlier.hasNext()) {
                return false;
            }
        }
        seen.put(key, timestamp, timestamp);
        return true;
    }

    /**
     * Where an app's telemetry is counted before the app limit is applied: under its id, under {@link #OTHER_APPS} for
     * ids that are not identifiers, {@code ""} for requests without an app. An app not tracked yet is counted apart only
     * while the fleet tracks fewer than {@code gateway.learning.max-apps-per-fleet} apps ({@link #take}).
     */
    private String appKey(String app) {
        if (app == null || app.isEmpty()) {
            return "";
        }
        if (!Identifiers.valid(app)) {
            foldedInvalid.increment();
            return OTHER_APPS;
        }
        return app;
    }

    private FleetState state(String fleet) {
        byte[] stored = fleets.get(fleet);
        return stored == null ? new FleetState() : read(stored, FleetState.class);
    }

    private Optional<Policy> currentPolicy(String fleet) {
        byte[] stored = policies.get(fleet);
        return stored == null ? Optional.empty() : Optional.of(codec.parse(new String(stored, StandardCharsets.UTF_8)));
    }

    static String appStoreKey(String fleet, String app) {
        return fleet + APP_SEPARATOR + app;
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return (type == DecisionRecord.class || type == RatingRecord.class ? TelemetryIntake.JSON : STATE_JSON)
                    .readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] write(Object state) {
        try {
            return STATE_JSON.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
