package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code edge.routing.policies} from the beginning with a fresh consumer group at every start,
 * so the registry holds the latest policy per key after a restart, and policies other gateway
 * replicas publish. Only records signed by a key the gateway trusts ({@link PolicySigningKey#verifyReadBack}) are
 * taken in. Other records are skipped here: the agents' consumers move them to the DLQ.
 */
@ApplicationScoped
public class PolicyReplayConsumer {

    private static final Logger LOG = Logger.getLogger(PolicyReplayConsumer.class);

    private final PolicyCodec codec;
    private final PolicyRegistry registry;
    private final PolicySigningKey signingKey;

    PolicyReplayConsumer(PolicyCodec codec, PolicyRegistry registry, PolicySigningKey signingKey) {
        this.codec = codec;
        this.registry = registry;
        this.signingKey = signingKey;
    }

    @Incoming("policies-in")
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        try {
            signingKey.verifyReadBack(record.value(), name -> {
                Header h = record.headers().lastHeader(name);
                return h == null ? null : h.value();
            });
            Policy policy = codec.parse(new String(record.value(), StandardCharsets.UTF_8));
            if (record.key().equals(policy.fleet()) || record.key().startsWith(policy.fleet() + "/")) {
                registry.offer(record.key(), policy);
            } else {
                LOG.warnf("policy record key=%s offset=%d skipped: key does not match fleet '%s'", record.key(), record.offset(), policy.fleet());
            }
        } catch (RuntimeException e) {
            LOG.warnf("policy record key=%s offset=%d skipped: %s", record.key(), record.offset(), e.getMessage());
        }
    }
}
