package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code edge.routing.policies} from the beginning with a fresh consumer group at every start,
 * so the registry holds the latest policy per key after a restart, and policies other gateway
 * replicas publish. Invalid records are skipped here: the agents' consumers move them to the DLQ.
 */
@ApplicationScoped
public class PolicyReplayConsumer {

    private static final Logger LOG = Logger.getLogger(PolicyReplayConsumer.class);

    private final PolicyCodec codec;
    private final PolicyRegistry registry;

    PolicyReplayConsumer(PolicyCodec codec, PolicyRegistry registry) {
        this.codec = codec;
        this.registry = registry;
    }

    @Incoming("policies-in")
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        try {
            Policy policy = codec.parse(record.value());
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
