package io.edgerouter.agent.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import io.edgerouter.protocol.KafkaClientProperties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One {@link DecisionRecord} per routed request or subtask on {@code edge.routing.decisions}: hashed
 * ids, route, scores, latency, tokens, acceptance; never prompt text or PII. One {@link RatingRecord} per rated
 * completion on {@code edge.routing.ratings}, with the same hashed ids. Records go to a bounded
 * {@link DiskBuffer} first and a shipper thread delivers them in order, removing them only once
 * Kafka acknowledged them, so a Kafka outage loses nothing within the bound (oldest records beyond it
 * are dropped and counted in {@code edge_telemetry_dropped_total}).
 *
 * <p>The shipper uses the Kafka producer client directly rather than a Reactive Messaging emitter:
 * it needs a per-record acknowledgement to advance the disk buffer, and an emitter channel cannot be
 * switched off for agents running without Kafka.
 */
@ApplicationScoped
public class TelemetryService {

    private static final Logger LOG = Logger.getLogger(TelemetryService.class);
    private static final int BATCH = 200;

    private final AgentConfig config;
    private final PolicyStore policies;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final byte[] salt = new byte[16];
    private String agentHash;
    private DiskBuffer buffer;
    /** Longest the shutdown waits for buffered telemetry to reach Kafka. */
    private static final long FLUSH_LIMIT_MS = 5000;

    private Thread shipper;
    private volatile boolean running;
    private final Object signal = new Object();

    TelemetryService(AgentConfig config, PolicyStore policies, ObjectMapper mapper, MeterRegistry metrics) {
        this.config = config;
        this.policies = policies;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        new SecureRandom().nextBytes(salt);
        agentHash = hash(config.agentId());
        if (!config.kafka().enabled()) {
            return;
        }
        buffer = new DiskBuffer(config.kafka().telemetryBufferDir(), config.kafka().telemetryBufferMaxRecords());
        Gauge.builder("edge_telemetry_buffered", buffer, DiskBuffer::size).register(metrics);
        FunctionCounter.builder("edge_telemetry_dropped_total", buffer, DiskBuffer::dropped).register(metrics);
        org.eclipse.microprofile.config.Config all = ConfigProvider.getConfig();
        // the same client settings as the SmallRye channels: bootstrap servers, security.protocol, sasl.*, ssl.*
        Map<String, String> client = KafkaClientProperties.of(all.getPropertyNames(), name -> all.getOptionalValue(name, String.class));
        running = true;
        shipper = new Thread(() -> ship(client), "telemetry-shipper");
        shipper.setDaemon(true);
        shipper.start();
    }

    /**
     * Runs after the agent's drain (every answer has ended and published its record): ships what is buffered for up
     * to {@link #FLUSH_LIMIT_MS} while Kafka answers; what remains stays in the disk buffer for the next start.
     */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 800) ShutdownEvent event) {
        if (buffer != null && shipper != null) {
            long deadline = System.nanoTime() + FLUSH_LIMIT_MS * 1_000_000L;
            while (buffer.size() > 0 && shipper.isAlive() && System.nanoTime() < deadline) {
                synchronized (signal) {
                    signal.notifyAll();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (buffer.size() > 0) {
                LOG.infof("shutting down: %d telemetry records stay buffered in %s for the next start", buffer.size(),
                        config.kafka().telemetryBufferDir());
            }
        }
        running = false;
        if (shipper != null) {
            shipper.interrupt();
            try {
                shipper.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (buffer != null) {
            buffer.close();
        }
    }

    /** Salted SHA-256 of an id, 16 hex digits: stable within this agent's run, useless to anyone else. */
    public String hash(String id) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records one routed request or subtask. Never throws: telemetry must not fail a request.
     *
     * @param score  the router's score, null when nothing was scored
     * @param scored whether the score chose the route (false for a forced route or no score): only scored records
     *               feed the fleet's score window
     */
    public void publish(int subtaskIndex, Double score, boolean scored, String routerModelVersion, Route taken, List<String> reasons,
                        String appId, String completionId, double latencyMs, int promptTokens, int completionTokens,
                        int cloudTokens, int draftTokens, int acceptedTokens) {
        if (buffer == null) {
            return; // Kafka off: no record to build, no id to hash
        }
        DecisionRecord r = new DecisionRecord(policies.policy().fleet(), appId, agentHash, hash(completionId), subtaskIndex,
                System.currentTimeMillis(), taken.name(), score, scored, List.copyOf(reasons), policies.policy().version(),
                routerModelVersion, latencyMs, promptTokens, completionTokens, cloudTokens, draftTokens, acceptedTokens);
        offer(Topics.DECISIONS, r);
    }

    /**
     * A rating of an earlier completion, as a record of its own on {@code edge.routing.ratings} (never a decision):
     * the whole completion ({@link RatingRecord#WHOLE_COMPLETION}), its route and score. Never throws.
     *
     * @param score   the completion's score, null when nothing was scored
     * @param scored  whether the score chose the completion's route
     * @param correct what the user said about correctness, null when not said
     */
    public void publishRating(String completionId, String appId, Route route, Double score, boolean scored,
                              String routerModelVersion, double rating, Boolean correct) {
        if (buffer == null) {
            return;
        }
        RatingRecord r;
        try {
            r = new RatingRecord(policies.policy().fleet(), appId, agentHash, hash(completionId),
                    RatingRecord.WHOLE_COMPLETION, System.currentTimeMillis(), route.name(), score, scored, routerModelVersion,
                    rating, correct);
        } catch (IllegalArgumentException e) {
            LOG.warnf("rating record dropped: %s", e.getMessage());
            metrics.counter("edge_telemetry_errors_total").increment();
            return;
        }
        offer(Topics.RATINGS, r);
    }

    private void offer(String topic, Object record) {
        if (buffer == null) {
            return;
        }
        try {
            buffer.append(new BufferedRecord(topic, mapper.writeValueAsString(record)).line());
            synchronized (signal) {
                signal.notifyAll();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("telemetry record dropped: %s", e.getMessage());
            metrics.counter("edge_telemetry_errors_total").increment();
        }
    }

    private void ship(Map<String, String> client) {
        Properties p = new Properties();
        p.putAll(client);
        p.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "9000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "edge-agent-telemetry-" + agentHash);
        long backoff = 200;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            while (running) {
                List<String> batch = buffer.peek(BATCH);
                if (batch.isEmpty()) {
                    synchronized (signal) {
                        signal.wait(500);
                    }
                    continue;
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
                for (String line : batch) {
                    try {
                        BufferedRecord r = BufferedRecord.parse(line);
                        sent.add(producer.send(new ProducerRecord<>(r.topic(), agentHash, r.value())));
                    } catch (org.apache.kafka.common.KafkaException e) {
                        sent.add(java.util.concurrent.CompletableFuture.failedFuture(e));
                    }
                }
                // Wait for the definitive outcome of every send (bounded by delivery.timeout.ms). Delivered records
                // leave the buffer; failed ones go back to its tail to be sent again, so a partly delivered batch
                // is not sent twice.
                int delivered = 0;
                List<String> failed = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    try {
                        sent.get(i).get(30, TimeUnit.SECONDS);
                        delivered++;
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        failed.add(batch.get(i));
                    }
                }
                if (delivered > 0) {
                    buffer.remove(batch.size());
                    failed.forEach(buffer::append);
                    metrics.counter("edge_telemetry_delivered_total").increment(delivered);
                    backoff = 200;
                }
                if (delivered < batch.size()) {
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "telemetry shipper stopped");
        }
    }
}
