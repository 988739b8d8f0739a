package io.edgerouter.agent.policy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Consumes {@code edge.routing.policies}. Every agent reads the whole topic; records keyed for other fleets are
 * theirs and are passed over. A record for this fleet is applied only when it is signed by a trusted key
 * ({@link PolicySignatureCheck}), is a valid policy, names this agent's fleet ({@code edge.fleet}; the signature covers
 * the value, not the key, so a policy signed for one fleet cannot be replayed under another's key) and is newer than
 * the Kafka policy in force. Otherwise this method throws; the channel's dead-letter-queue failure strategy then moves
 * the record to {@code edge.routing.policies.dlq} with the reason in the {@code dead-letter-reason} header, and the
 * policy in force stays. The exact policy in force delivered again (a replay or a redelivery) changes nothing and is
 * no error.
 */
@ApplicationScoped
public class PolicyConsumer {

    private static final Logger LOG = Logger.getLogger(PolicyConsumer.class);

    private final PolicyCodec codec;
    private final PolicyStore store;
    private final PolicySignatureCheck signatures;
    private final String fleet;
    private final Counter rejected;

    PolicyConsumer(PolicyCodec codec, PolicyStore store, PolicySignatureCheck signatures, AgentConfig config,
                   MeterRegistry registry) {
        this.codec = codec;
        this.store = store;
        this.signatures = signatures;
        this.fleet = config.fleet();
        this.rejected = Counter.builder("edge_policy_rejected_total")
                .description("Policy records rejected to the dead-letter topic").register(registry);
    }

    @Incoming("policies")
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            LOG.infof("policy tombstone for key %s ignored; the policy in force stays", record.key());
            return;
        }
        if (record.key() != null && !keyIsForThisFleet(record.key())) {
            LOG.debugf("policy record key=%s offset=%d is for another fleet", record.key(), record.offset());
            return;
        }
        try {
            admit(record);
        } catch (RuntimeException e) {
            rejected.increment();
            LOG.warnf("policy record key=%s offset=%d rejected: %s", record.key(), record.offset(), e.getMessage());
            throw e;
        }
    }

    private void admit(ConsumerRecord<String, byte[]> record) {
        Optional<String> signedBy = signatures.check(record.value(), name -> {
            Header h = record.headers().lastHeader(name);
            return h == null ? null : h.value();
        });
        Policy policy = codec.parse(utf8(record.value()));
        if (!policy.fleet().equals(fleet)) {
            throw new RejectedPolicyException("policy for fleet '" + policy.fleet() + "' under key '" + record.key()
                    + "': this agent is in fleet '" + fleet + "' (edge.fleet)");
        }
        long inForce = store.policy().version();
        switch (store.offer(policy)) {
            case APPLIED -> LOG.infof("policy v%d signed by %s", policy.version(), signedBy.orElse("nobody (unsigned allowed)"));
            case ALREADY_IN_FORCE -> LOG.debugf("policy v%d delivered again; it is the one in force", policy.version());
            case NOT_NEWER -> throw new RejectedPolicyException("stale policy: version " + policy.version()
                    + " is not newer than version " + inForce + " in force for fleet '" + fleet + "'"
                    + (policy.version() == inForce ? " (same version, other content)" : ""));
            case OTHER_FLEET -> throw new IllegalStateException("fleet checked above: " + policy.fleet());
        }
    }

    /** The key is the fleet, or fleet/app. */
    private boolean keyIsForThisFleet(String key) {
        return key.equals(fleet) || key.startsWith(fleet + "/");
    }

    /** Strict UTF-8: bytes that are not UTF-8 are refused rather than silently replaced. */
    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedPolicyException("the policy record's value is not UTF-8 text: " + e.getMessage());
        }
    }
}
