package io.edgerouter.gateway.health;

import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.gateway.shutdown.InFlightWork;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the configuration is valid and the model loaded, DOWN from the start of shutdown on (so the load balancer
 * stops sending work while calls in flight finish); reports how completions and verification are served.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final GatewayConfig config;
    private final GatewayModel model;
    private final InFlightWork work;

    GatewayReadiness(GatewayConfig config, GatewayModel model, InFlightWork work) {
        this.config = config;
        this.model = model;
        this.work = work;
    }

    @Override
    public HealthCheckResponse call() {
        boolean draining = work.draining();
        return HealthCheckResponse.named("cloud-gateway")
                .status(!draining)
                .withData("shutting_down", draining)
                .withData("completions", config.upstream().url().isPresent() ? "upstream" : "own-model")
                .withData("agents", config.agents().size())
                .withData("model", model.name())
                .withData("verify", config.verify().backend().name().toLowerCase(java.util.Locale.ROOT))
                .withData("kafka", config.kafka().enabled())
                .build();
    }
}
