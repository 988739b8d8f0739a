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

    /**
     * Fleets this gateway serves besides those named in {@code gateway.agents.<id>.fleets}: an operator may publish
     * the first policy of a fleet no agent key is bound to yet only when it is listed here. A PUT for a fleet that is
     * in neither list and has no policy is 404 (a typo in a fleet name would otherwise create a fleet nobody reads).
     */
    Optional<java.util.Set<String>> fleets();

    /**
     * The gateway's own model: a directory (Hugging Face Optimum or transformers.js ONNX export, ONNX Runtime GenAI
     * folder) or a file (GGUF, llama2.c checkpoint, imported once under {@code <gateway.data-dir>/imports}); its kind is
     * detected from what is on disk. Unset means the generated tiny model.
     */
    Optional<Path> model();

    /** Which graph of a transformers.js export to run ({@code fp32}, {@code fp16}, {@code q4}, ...); unset = the smallest that runs on CPU. */
    Optional<String> dtype();

    /** A {@code tokenizer.json} to use instead of the model's own, or the {@code tokenizer.bin} a llama2.c checkpoint needs. */
    Optional<Path> tokenizer();

    /** Optional draft model sharing the tokenizer (a directory or file like {@code gateway.model}), used to speed up the gateway's own completions. */
    Optional<Path> draftModel();

    /** Which graph of a transformers.js draft export to run; unset = the smallest that runs on CPU. */
    Optional<String> draftDtype();

    /** Name under which {@code /v1/models} lists the model; defaults to the model's file or directory name. */
    Optional<String> modelName();

    /** Where the tiny model pair is generated (when {@code gateway.model} is unset) and imported models are cached; defaults to a directory under java.io.tmpdir. */
    Optional<Path> dataDir();

    /** How the gateway runs its own model. */
    Engine engine();

    /** Upstream OpenAI-compatible provider for offloaded completions. */
    Upstream upstream();

    /** Draft verification sessions. */
    Verify verify();

    /** Kafka: policies out and back in, fleet telemetry in. */
    Kafka kafka();

    /** The learning loop that recalibrates fleet thresholds from telemetry. */
    Learning learning();

    /** What happens between SIGTERM and exit. */
    Shutdown shutdown();

    interface Agent {
        /** The agent's API key. Never logged. */
        @NotBlank
        String key();

        /** Requests per second this agent may make before 429. */
        @WithDefault("50")
        @Min(1)
        @Max(100_000)
        int rateLimitPerSecond();

        /** Whether this caller may publish fleet policies ({@code PUT /v1/policies/{fleet}}); edge agents may not. */
        @WithDefault("false")
        boolean admin();

        /**
         * Fleets whose policy and statistics this key may read ({@code GET /v1/policies/{fleet}},
         * {@code GET /v1/fleet/{fleet}/stats}) and, for an admin, publish; {@code *} is every fleet. Unset: every fleet
         * for an admin key, none for an agent key (an agent key reads nothing until it is bound to its fleet).
         */
        Optional<java.util.Set<String>> fleets();
    }

    interface Engine {
        /** ONNX Runtime intra-op threads per forward pass. */
        @WithDefault("1")
        @Min(1)
        @Max(256)
        int intraOpThreads();

        /** Forward passes run at once; further model work waits for a slot. */
        @WithDefault("2")
        @Min(1)
        @Max(1024)
        int maxConcurrency();

        /** Most tokens one chat or text completion may generate. */
        @WithDefault("1024")
        @Min(1)
        @Max(32_768)
        int maxCompletionTokens();
    }

    interface Upstream {
        /** Base URL of an OpenAI-compatible provider, e.g. {@code https://api.example.com/v1}; unset means the gateway's own model answers. */
        Optional<URI> url();

        /** API key for the upstream provider. Never logged. */
        Optional<String> apiKey();

        /** Time limit for one upstream call. */
        @WithDefault("30s")
        Duration timeout();

        /** Model name sent upstream, replacing the caller's (agents send {@code cloud}); unset passes it through. */
        Optional<String> model();

        /** Consecutive-window failure rate, in percent, above which the circuit breaker opens. */
        @WithDefault("50")
        @Min(1)
        @Max(100)
        int breakerFailureRate();

        /** How long an open breaker rejects calls before it lets a few through to probe the upstream. */
        @WithDefault("30s")
        Duration breakerOpenFor();
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

        /** Most draft tokens one verify round may carry. */
        @WithDefault("64")
        @Min(1)
        @Max(1024)
        int maxDraftTokens();

        /** Most tokens the cloud generates after the accepted prefix in one-shot mode. */
        @WithDefault("1024")
        @Min(1)
        @Max(32_768)
        int maxContinueTokens();

        /** Which model verifies drafts: the gateway's own ({@code own}) or an upstream vLLM server ({@code vllm}). */
        @WithDefault("own")
        VerifyBackendKind backend();

        /** The vLLM server used when {@code gateway.verify.backend=vllm}. */
        Vllm vllm();
    }

    enum VerifyBackendKind { OWN, VLLM }

    interface Vllm {
        /** Base URL of the vLLM OpenAI-compatible server, e.g. {@code http://vllm:8000/v1}. Required for the vllm backend. */
        Optional<URI> url();

        /** API key of the vLLM server. Never logged. */
        Optional<String> apiKey();

        /** Model name the vLLM server serves; unset means its only model. */
        Optional<String> model();

        /** The {@code tokenizer.json} of the served model: its hash is what agents must match. Required for the vllm backend. */
        Optional<Path> tokenizerFile();

        /** Vocabulary size of the served model, to reject out-of-range draft tokens up front. */
        @WithDefault("2147483647")
        @Min(2)
        int vocabSize();

        /** Time limit for one vLLM call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Kafka {
        /** Publish and replay policies and consume telemetry through {@code kafka.bootstrap.servers}; off means policies cannot be published. */
        @WithDefault("false")
        boolean enabled();
    }

    /**
     * Graceful shutdown. From SIGTERM on, readiness is DOWN and new verify and completion calls are refused (503 with
     * {@code Retry-After}); calls in flight may finish for {@code grace}, are then cancelled and get {@code cancel-wait}
     * to stop; only then are verify sessions and the model closed. grace + cancel-wait (plus a preStop hook) must stay
     * below the pod's {@code terminationGracePeriodSeconds}.
     */
    interface Shutdown {
        /** How long verify calls and completions in flight at SIGTERM may run to completion. */
        @WithDefault("10s")
        Duration grace();

        /**
         * How long cancelled work gets to stop (at most a forward pass), and closing the model waits for a forward pass
         * still running; work still running after it leaves the model open until the process exits, never closed under it.
         */
        @WithDefault("5s")
        Duration cancelWait();
    }

    interface Learning {
        /** Whether telemetry may trigger recalibrated policies (statistics are kept either way). */
        @WithDefault("true")
        boolean enabled();

        /** Decisions a fleet must report since its last recalibration before thresholds are recalibrated. */
        @WithDefault("200")
        @Min(1)
        @Max(10_000_000)
        int minDecisions();

        /** Most recent router scores kept per fleet to compute threshold quantiles from. */
        @WithDefault("5000")
        @Min(10)
        @Max(1_000_000)
        int scoreWindow();

        /** Smallest threshold move (absolute score) worth publishing a new policy version for. */
        @WithDefault("0.02")
        double minThresholdChange();

        /**
         * How long a delivered decision or rating is remembered by (agent, request, subtask), so that one delivered
         * again is counted once: Kafka delivers at least once and agents resend what was not acknowledged. Kept in the
         * learning loop's {@code telemetry-dedupe} window store (about 100 bytes per record and per retention).
         */
        @WithDefault("1h")
        Duration dedupRetention();

        /** Wall-clock time between two emissions of a changed fleet's statistics to {@code edge.routing.fleet-stats}. */
        @WithDefault("1s")
        Duration statsInterval();

        /**
         * The learning loop's Kafka Streams {@code application.id}: its consumer group, the prefix of its transactional
         * ids and of its internal topics ({@code <id>-fleet-events-repartition}, {@code <id>-<store>-changelog}). Every
         * replica of one gateway deployment must share it.
         */
        @WithDefault("edge-gateway-learning")
        String applicationId();

        /**
         * Kafka Streams' state directory (RocksDB stores, rebuilt from their changelogs when lost). Two gateway
         * processes on one machine need different ones.
         */
        @WithDefault("${java.io.tmpdir}/edge-gateway-learning")
        Path stateDir();

        /**
         * Apps whose statistics are kept apart per fleet; telemetry of further apps, and of app ids that are not
         * identifiers (1 to 64 letters, digits, '.', '_' or '-'), is counted under {@code (other)}: an app id comes from a
         * client header and must not grow the gateway's memory without bound.
         */
        @WithDefault("1000")
        @Min(1)
        @Max(1_000_000)
        int maxAppsPerFleet();
    }

    /** How the policies the gateway publishes are signed. */
    PolicySigning policy();

    /**
     * Every policy published to Kafka (operator PUTs and the learning loop) is signed with one Ed25519 private key;
     * agents apply only policies signed by a key they trust ({@code edge.policy.public-keys.<key-id>}). Unset while
     * Kafka is on means policies cannot be published (503 naming these properties).
     */
    interface PolicySigning {
        /**
         * PEM file holding the Ed25519 private key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, as
         * {@code openssl genpkey -algorithm ed25519} writes it), e.g. mounted from a Kubernetes Secret. Read at start.
         */
        Optional<Path> signingKeyFile();

        /** Id of that key, sent with every record; agents look the public key up by it. Letters, digits, '-', '_'. */
        Optional<String> signingKeyId();

        /**
         * Public keys of earlier signing keys by key id ({@code gateway.policy.public-keys.<key-id>=<base64 X.509>}), whose
         * records the gateway still reads back from the topic at start during a key rotation. Records signed with the
         * current key are recognised without it; records signed by no trusted key are never read back.
         */
        Map<String, String> publicKeys();
    }
}
