package io.edgerouter.gateway.policy;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes policies to the compacted topic {@code edge.routing.policies}, keyed by fleet, and waits
 * for the broker's acknowledgement. Versions only go up: a policy not newer than the one in force is
 * refused (409). Operator PUTs publish through here, one at a time; the learning loop writes its policies from its
 * Kafka Streams topology ({@code FleetLearner}), in the transaction of the state that led to them. Every record is
 * signed ({@link PolicySigningKey}): the Ed25519 signature of exactly the value bytes sent and the key id travel in
 * the {@code edge-policy-signature} and {@code edge-policy-key-id} headers.
 */
@ApplicationScoped
public class PolicyPublisher {

    private static final Logger LOG = Logger.getLogger(PolicyPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final PolicyCodec codec;
    private final PolicyRegistry registry;
    private final PolicySigningKey signingKey;
    private final boolean kafkaEnabled;

    @jakarta.inject.Inject
    PolicyChannel emitter; // created on first use: only when Kafka is on

    PolicyPublisher(PolicyCodec codec, PolicyRegistry registry, PolicySigningKey signingKey, GatewayConfig config) {
        this.codec = codec;
        this.registry = registry;
        this.signingKey = signingKey;
        this.kafkaEnabled = config.kafka().enabled();
    }

    /** Publishes and records the policy; returns its canonical JSON. Blocking. */
    public synchronized String publish(Policy policy) {
        if (!kafkaEnabled) {
            throw new ApiException(503, "server_error", "kafka_disabled", null,
                    "policies cannot be published: Kafka is off (gateway.kafka.enabled=false)");
        }
        long current = registry.latest(policy.fleet()).map(Policy::version).orElse(0L);
        if (policy.version() <= current) {
            throw ApiException.conflict("stale_version", "version", "version must increase: the policy in force for fleet '"
                    + policy.fleet() + "' is version " + current + ", got " + policy.version());
        }
        String json = codec.write(policy);
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        OutgoingKafkaRecord<String, byte[]> record = KafkaRecord.of(policy.fleet(), value);
        for (Map.Entry<String, byte[]> header : signingKey.signer().headers(value).entrySet()) {
            record = record.withHeader(header.getKey(), header.getValue());
        }
        try {
            emitter.sendMessage(record).await().atMost(ACK_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("publishing policy %s v%d to %s failed: %s", policy.fleet(), policy.version(), Topics.POLICIES, e.getMessage());
            throw new ApiException(503, "server_error", "kafka_unavailable", null,
                    "the policy could not be published to " + Topics.POLICIES + ": " + e.getClass().getSimpleName());
        }
        registry.offer(policy.fleet(), policy);
        LOG.infof("published policy %s v%d (issued by %s)", policy.fleet(), policy.version(), policy.issuedBy());
        return json;
    }
}
