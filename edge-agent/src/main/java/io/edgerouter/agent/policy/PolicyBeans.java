package io.edgerouter.agent.policy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** CDI wiring for the shared policy codec and the signature check of policies from Kafka. */
@ApplicationScoped
public class PolicyBeans {

    private static final Logger LOG = Logger.getLogger(PolicyBeans.class);

    @Produces
    @ApplicationScoped
    PolicyCodec policyCodec() {
        return PolicyCodec.schemaOnly();
    }

    @Produces
    @Singleton
    PolicySignatureCheck policySignatureCheck(AgentConfig config) {
        return PolicySignatureCheck.fromConfig(config.policy());
    }

    /** Reads the trusted keys at start (a malformed one fails start-up) and says loudly what is accepted. */
    void announce(@Observes StartupEvent event, PolicySignatureCheck check, AgentConfig config) {
        if (!config.kafka().enabled()) {
            return;
        }
        if (check.allowsUnsigned()) {
            LOG.warnf("%s=true: UNSIGNED POLICIES FROM KAFKA ARE APPLIED. Anyone who can write to the policies topic "
                    + "can steer this agent. For development only.", PolicySignatureCheck.ALLOW_UNSIGNED);
        }
        if (check.trustedKeyIds().isEmpty()) {
            if (!check.allowsUnsigned()) {
                LOG.errorf("no %s.<key-id> configured: every policy from Kafka will be refused to the dead-letter topic "
                        + "and the policy in force stays", PolicySignatureCheck.PUBLIC_KEYS);
            }
        } else {
            LOG.infof("policies from Kafka must be signed by one of the keys %s (%s)", check.trustedKeyIds(),
                    PolicySignatureCheck.PUBLIC_KEYS);
        }
    }
}
