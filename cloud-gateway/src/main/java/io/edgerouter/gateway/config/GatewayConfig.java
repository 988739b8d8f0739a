package io.edgerouter.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Cloud gateway configuration, under the prefix {@code gateway}. Every property can also be set
 * as an environment variable ({@code gateway.upstream.url} → {@code GATEWAY_UPSTREAM_URL}).
 *
 * <p>Unknown properties under {@code gateway.} and values that break a rule fail start-up with a
 * message naming the property.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Edge agents allowed to call, by agent id; each presents its key as {@code Authorization: Bearer}. */
    Map<String, Agent> agents();

    /** The gateway's own model. */
    Model model();

    /** Upstream OpenAI-compatible provider for offloaded completions. */
    Upstream upstream();

    /** Draft verification sessions. */
    Verify verify();

    interface Agent {
        /** The agent's API key. Never logged. */
        @NotBlank
        String key();

        /** Requests per second this agent may make before 429. */
        @WithDefault("50")
        @Min(1)
        @Max(100_000)
        int rateLimitPerSecond();
    }

    interface Model {
        /** Directory of a Hugging Face Optimum ONNX export; unset means the generated tiny model. */
        Optional<Path> dir();
    }

    interface Upstream {
        /** Base URL of an OpenAI-compatible provider, e.g. {@code https://api.example.com/v1}; unset means the gateway's own model answers. */
        Optional<URI> url();

        /** API key for the upstream provider. Never logged. */
        Optional<String> apiKey();

        /** Time limit for one upstream call. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Verify {
        /** Verify sessions (each holds a KV cache) kept at once; the least recently used is evicted beyond it. */
        @WithDefault("64")
        @Min(1)
        @Max(100_000)
        int maxSessions();

        /** A session unused this long is closed and its KV cache freed. */
        @WithDefault("5m")
        Duration sessionIdleTimeout();

        /** KV cache memory all sessions together may hold, in bytes. */
        @WithDefault("1073741824")
        @Min(1_048_576)
        long maxKvBytes();
    }
}
