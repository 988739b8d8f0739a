package io.edgerouter.agent.health;

import io.edgerouter.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the configuration is valid; reports where the policy comes from and whether a cloud is configured. */
@Readiness
@ApplicationScoped
public class AgentReadiness implements HealthCheck {

    private final AgentConfig config;

    AgentReadiness(AgentConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String policySource = config.kafka().enabled()
                ? "kafka"
                : config.policyFile().map(p -> "file:" + p).orElse("embedded-default");
        return HealthCheckResponse.named("edge-agent")
                .up()
                .withData("fleet", config.fleet())
                .withData("policy_source", policySource)
                .withData("cloud_configured", config.cloud().url().isPresent())
                .build();
    }
}
