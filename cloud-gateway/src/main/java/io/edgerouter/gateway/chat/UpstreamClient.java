package io.edgerouter.gateway.chat;

import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.upstream.ResilientJsonClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** The upstream OpenAI-compatible provider of {@code gateway.upstream.*}, behind a time limit and a circuit breaker. */
@ApplicationScoped
public class UpstreamClient {

    private final ResilientJsonClient client;

    UpstreamClient(GatewayConfig config) {
        GatewayConfig.Upstream u = config.upstream();
        this.client = new ResilientJsonClient("upstream provider", u.url(), u.apiKey(), u.timeout(),
                u.breakerFailureRate(), u.breakerOpenFor());
    }

    public boolean configured() {
        return client.configured();
    }

    public CircuitBreaker.State breakerState() {
        return client.breakerState();
    }

    /** POSTs JSON to {@code <url>/<path>}; see {@link ResilientJsonClient#post}. */
    public ResilientJsonClient.Reply post(String path, String json, boolean stream) {
        return client.post(path, json, stream);
    }
}
