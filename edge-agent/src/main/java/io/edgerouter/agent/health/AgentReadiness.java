package io.edgerouter.agent.health;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.agent.request.AgentLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Locale;

/** Ready once a valid policy is in force and until shutdown begins; reports its version and source and whether a cloud is configured. */
@Readiness
@ApplicationScoped
public class AgentReadiness implements HealthCheck {

    private final AgentConfig config;
    private final PolicyStore policies;
    private final AgentLifecycle lifecycle;

    AgentReadiness(AgentConfig config, PolicyStore policies, AgentLifecycle lifecycle) {
        this.config = config;
        this.policies = policies;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        PolicyStore.Current current = policies.current();
        return HealthCheckResponse.named("edge-agent")
                .status(!lifecycle.draining())
                .withData("shutting_down", lifecycle.draining())
                .withData("fleet", config.fleet())
                .withData("policy_version", current.policy().version())
                .withData("policy_source", current.source().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .withData("kafka", config.kafka().enabled())
                .withData("cloud_configured", config.cloud().url().isPresent())
                .build();
    }
}
