package io.edgerouter.gateway.health;

import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.model.GatewayModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the configuration is valid and the model loaded; reports how completions and verification are served. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final GatewayConfig config;
    private final GatewayModel model;

    GatewayReadiness(GatewayConfig config, GatewayModel model) {
        this.config = config;
        this.model = model;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cloud-gateway")
                .up()
                .withData("completions", config.upstream().url().isPresent() ? "upstream" : "own-model")
                .withData("agents", config.agents().size())
                .withData("model", model.name())
                .withData("verify", config.verify().backend().name().toLowerCase(java.util.Locale.ROOT))
                .withData("kafka", config.kafka().enabled())
                .build();
    }
}
