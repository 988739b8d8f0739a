package io.edgerouter.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Edge agent configuration, under the prefix {@code edge}. Every property can also be set as an
 * environment variable ({@code edge.cloud.url} → {@code EDGE_CLOUD_URL}).
 *
 * <p>Unknown properties under {@code edge.} and values that break a rule fail start-up with a
 * message naming the property.
 */
@ConfigMapping(prefix = "edge")
public interface AgentConfig {

    /** Fleet this agent belongs to; selects which policies from Kafka apply. */
    @WithDefault("default")
    String fleet();

    /** Policy file used when no Kafka is configured; unset means the embedded default policy. */
    Optional<Path> policyFile();

    /** Cloud gateway connection. */
    Cloud cloud();

    /** Local engine. */
    Engine engine();

    /** Privacy filter. */
    Privacy privacy();

    /** Kafka policies and telemetry. */
    Kafka kafka();

    interface Cloud {
        /** Base URL of the cloud gateway, e.g. {@code http://127.0.0.1:8081}; unset means no cloud (LOCAL only). */
        Optional<URI> url();

        /** API key this agent presents to the cloud gateway as {@code Authorization: Bearer}. */
        Optional<String> apiKey();

        /** Time limit for one cloud call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Engine {
        /** Directory of a Hugging Face Optimum ONNX export; unset means the generated tiny model. */
        Optional<Path> modelDir();

        /** Requests generated concurrently by the local engine. */
        @WithDefault("1")
        @Min(1)
        @Max(64)
        int maxConcurrency();

        /** Requests waiting for the local engine before new ones get 429. */
        @WithDefault("32")
        @Min(0)
        @Max(10_000)
        int maxQueue();
    }

    interface Privacy {
        /** Longest text, in characters, the privacy filter accepts. */
        @WithDefault("100000")
        @Min(1)
        @Max(10_000_000)
        int maxTextLength();
    }

    interface Kafka {
        /** Consume policies from and publish telemetry to Kafka ({@code kafka.bootstrap.servers}). */
        @WithDefault("false")
        boolean enabled();

        /** Directory buffering telemetry while Kafka is unreachable. */
        @WithDefault("${java.io.tmpdir}/edge-agent-telemetry")
        Path telemetryBufferDir();

        /** Most telemetry records kept on disk while Kafka is unreachable; older ones are dropped and counted. */
        @WithDefault("100000")
        @Min(1)
        long telemetryBufferMaxRecords();
    }
}
