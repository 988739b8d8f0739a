package io.edgerouter.gateway.fleet;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.auth.AgentRegistry;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.policy.PolicySigningKey;
import io.edgerouter.protocol.KafkaClientProperties;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the learning loop ({@link FleetTopology}) as a Kafka Streams application inside the gateway, when
 * {@code gateway.kafka.enabled} is on. All replicas of a deployment share one {@code application.id}, so Kafka Streams
 * spreads the fleets' partitions over them, moves them when a replica leaves or joins, and processes exactly once
 * ({@code exactly_once_v2}).
 *
 * <p>Settings: every {@code kafka.*} client property of the gateway (bootstrap servers, {@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}; or {@code KAFKA_<PROPERTY>} from the environment) applies, and any
 * {@code kafka-streams.<property>} (or {@code KAFKA_STREAMS_<PROPERTY>}) is handed to Kafka Streams as it is, for
 * instance {@code kafka-streams.num.standby.replicas=1}; the {@code gateway.learning.*} ones say what the loop does.
 *
 * <p>Before it starts, the topics it reads and writes are created when missing (policies and fleet statistics
 * compacted); a cluster that declares them (Strimzi) keeps its own settings, only {@code cleanup.policy=compact} is
 * enforced on the two compacted ones.
 */
@ApplicationScoped
public class LearningStreams {

    private static final Logger LOG = Logger.getLogger(LearningStreams.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 15;

    private final GatewayConfig config;
    private final PolicyCodec codec;
    private final PolicySigningKey signingKey;
    private final MeterRegistry meters;
    private final Config properties;
    private final AgentRegistry agents;
    private volatile KafkaStreams streams;
    private volatile boolean stopping;
    private Thread starter;

    LearningStreams(GatewayConfig config, PolicyCodec codec, PolicySigningKey signingKey, MeterRegistry meters, Config properties,
                    AgentRegistry agents) {
        this.agents = agents;
        this.config = config;
        this.codec = codec;
        this.signingKey = signingKey;
        this.meters = meters;
        this.properties = properties;
    }

    void start(@Observes StartupEvent event) {
        if (!config.kafka().enabled()) {
            return;
        }
        // off the start-up path: a broker that is down must neither delay nor fail start-up
        starter = new Thread(this::createTopicsAndStart, "learning-streams-start");
        starter.setDaemon(true);
        starter.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        KafkaStreams running = streams;
        if (running != null) {
            // leave the group at once, so the partitions move to the other replicas now, not after a session timeout
            running.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(10)).leaveGroup(true));
        }
    }

    /**
     * The fleet's statistics as last emitted by the replica owning it, read from this replica's copy of
     * {@code edge.routing.fleet-stats}; empty when the fleet reported nothing.
     *
     * @throws ApiException 503 when Kafka is off or the learning loop is not running (yet)
     */
    public Optional<String> stats(String fleet) {
        if (!config.kafka().enabled()) {
            throw new ApiException(503, "server_error", "kafka_disabled", null,
                    "fleet statistics come from the learning loop on Kafka, which is off (gateway.kafka.enabled=false)");
        }
        KafkaStreams running = streams;
        if (running == null || !(running.state() == KafkaStreams.State.RUNNING || running.state() == KafkaStreams.State.REBALANCING)) {
            throw unavailable(running == null ? "starting" : running.state().name());
        }
        try {
            ReadOnlyKeyValueStore<String, String> view = running.store(StoreQueryParameters.fromNameAndType(
                    FleetTopology.STATS_VIEW, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(view.get(fleet));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e.getMessage());
        }
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, "server_error", "stats_unavailable", null,
                "fleet statistics are not available yet: the learning loop is " + why);
    }

    private void createTopicsAndStart() {
        Map<String, Object> client = clientProperties();
        // bounded: after that Kafka Streams starts anyway and keeps retrying on its own
        for (int attempt = 1; attempt <= 10 && !stopping; attempt++) {
            try {
                createTopics(client);
                break;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warnf("learning loop: topics not ready (attempt %d): %s", attempt, e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(Math.min(30_000, 1_000L * attempt));
            } catch (InterruptedException e) {
                return;
            }
        }
        if (stopping) {
            return;
        }
        KafkaStreams created = new KafkaStreams(topology(), streamsProperties(client));
        created.setUncaughtExceptionHandler(e -> {
            LOG.errorf(e, "learning loop: a stream thread failed; replacing it");
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((now, before) -> LOG.infof("learning loop: %s -> %s", before, now));
        Gauge.builder("gateway_learning_running", created, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while the learning loop's Kafka Streams application is running").register(meters);
        synchronized (this) {
            if (stopping) {
                return;
            }
            streams = created;
            created.start();
        }
    }

    org.apache.kafka.streams.Topology topology() {
        GatewayConfig.Learning learning = config.learning();
        FleetTopology.Settings settings = new FleetTopology.Settings(learning.enabled(), learning.minDecisions(),
                learning.scoreWindow(), learning.minThresholdChange(), learning.maxAppsPerFleet(),
                learning.dedupRetention(), learning.statsInterval(), agents::declares);
        FleetTopology.PolicyKeys keys = new FleetTopology.PolicyKeys() {
            @Override
            public Map<String, byte[]> sign(byte[] value) {
                return signingKey.signer().headers(value);
            }

            @Override
            public void verify(byte[] value, java.util.function.Function<String, byte[]> header) {
                signingKey.verifyReadBack(value, header);
            }
        };
        return FleetTopology.build(settings, codec, keys, meters);
    }

    private Map<String, Object> clientProperties() {
        return new HashMap<>(KafkaClientProperties.of(properties.getPropertyNames(), name -> properties.getOptionalValue(name, String.class)));
    }

    private Properties streamsProperties(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        // raw Kafka Streams settings first: what the loop's correctness rests on below cannot be overridden by them
        p.putAll(KafkaClientProperties.withPrefix(properties.getPropertyNames(),
                name -> properties.getOptionalValue(name, String.class), "kafka-streams.", "KAFKA_STREAMS_", List.of()));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.learning().applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.learning().stateDir().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipFailedRecords.class.getName());
        p.put(SkipFailedRecords.COUNTER, Counter.builder("gateway_learning_skipped_records_total")
                .description("Records the learning loop skipped because processing them failed").register(meters));
        return p;
    }

    /** A topic a broker auto-created before the gateway came is made compacted: agents and replicas rebuild from it. */
    private static void compact(Admin admin, String topic) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("could not make %s compacted: %s", topic, e.getCause() == null ? e : e.getCause());
        }
    }

    private static void createTopics(Map<String, Object> client) throws ExecutionException, TimeoutException, InterruptedException {
        try (Admin admin = Admin.create(client)) {
            List<NewTopic> wanted = new ArrayList<>();
            Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            for (String topic : List.of(Topics.DECISIONS, Topics.RATINGS, Topics.TELEMETRY_DLQ)) {
                wanted.add(new NewTopic(topic, Optional.empty(), Optional.empty()));
            }
            for (String topic : List.of(Topics.POLICIES, Topics.FLEET_STATS)) {
                wanted.add(new NewTopic(topic, Optional.empty(), Optional.empty()).configs(compact));
            }
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", topic.name());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthorizationException) {
                        // a cluster that declares its topics (Strimzi) need not let the gateway create any
                        LOG.debugf("topic %s not created here: %s", topic.name(), e.getCause().getMessage());
                        continue;
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    if (topic.configs() != null && !topic.configs().isEmpty()) {
                        compact(admin, topic.name());
                    }
                }
            }
        }
    }
}
