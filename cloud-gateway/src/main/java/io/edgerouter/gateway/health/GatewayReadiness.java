package io.edgerouter.gateway.health;

import io.edgerouter.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the configuration is valid; reports how completions are served and how many agents may call. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final GatewayConfig config;

    GatewayReadiness(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cloud-gateway")
                .up()
                .withData("completions", config.upstream().url().isPresent() ? "upstream" : "own-model")
                .withData("agents", config.agents().size())
                .build();
    }
}
