package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.policy.PolicyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** CDI wiring for the shared policy codec: the same schema and validation code as the edge agent. */
@ApplicationScoped
public class PolicyBeans {

    @Produces
    @ApplicationScoped
    PolicyCodec policyCodec() {
        return PolicyCodec.schemaOnly();
    }
}
