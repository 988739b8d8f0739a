package io.edgerouter.agent.policy;

import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code edge.routing.policies}. A record that is not a valid policy makes this method
 * throw; the channel's dead-letter-queue failure strategy then moves it to
 * {@code edge.routing.policies.dlq} with the reason in the {@code dead-letter-reason} header, and
 * the policy in force stays.
 */
@ApplicationScoped
public class PolicyConsumer {

    private static final Logger LOG = Logger.getLogger(PolicyConsumer.class);

    private final PolicyCodec codec;
    private final PolicyStore store;
    private final Counter rejected;

    PolicyConsumer(PolicyCodec codec, PolicyStore store, MeterRegistry registry) {
        this.codec = codec;
        this.store = store;
        this.rejected = Counter.builder("edge_policy_rejected_total")
                .description("Policy records rejected to the dead-letter topic").register(registry);
    }

    @Incoming("policies")
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            LOG.infof("policy tombstone for key %s ignored; the policy in force stays", record.key());
            return;
        }
        Policy policy;
        try {
            policy = codec.parse(record.value());
        } catch (RuntimeException e) {
            rejected.increment();
            LOG.warnf("policy record key=%s offset=%d rejected: %s", record.key(), record.offset(), e.getMessage());
            throw e;
        }
        if (record.key() != null && !keyMatches(record.key(), policy)) {
            rejected.increment();
            throw new IllegalArgumentException("record key '" + record.key() + "' does not match the policy's fleet '" + policy.fleet() + "'");
        }
        store.offer(policy);
    }

    /** The key is the fleet, or fleet/app. */
    private static boolean keyMatches(String key, Policy policy) {
        return key.equals(policy.fleet()) || key.startsWith(policy.fleet() + "/");
    }
}
