package io.edgerouter.agent.policy;

import io.edgerouter.protocol.policy.PolicyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** CDI wiring for the shared policy codec. */
@ApplicationScoped
public class PolicyBeans {

    @Produces
    @ApplicationScoped
    PolicyCodec policyCodec() {
        return PolicyCodec.schemaOnly();
    }
}
