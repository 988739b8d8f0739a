package io.edgerouter.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** This agent's id; only its salted hash leaves the device. Defaults to the host name. */
    @WithDefault("${HOSTNAME:edge-agent}")
    String agentId();

    /** Policy file used when no Kafka is configured; unset means the embedded default policy. */
    Optional<Path> policyFile();

    /** Directory for generated files (the tiny default model) and imported models ({@code imports/}); created if missing. */
    @WithDefault("${java.io.tmpdir}/edge-agent")
    Path dataDir();

    /** Public API settings. */
    Api api();

    /** Cloud gateway connection. */
    Cloud cloud();

    /** Local engine. */
    Engine engine();

    /** Privacy filter. */
    Privacy privacy();

    /** Kafka policies and telemetry. */
    Kafka kafka();

    /** Which signed policies from Kafka this agent trusts. */
    PolicyTrust policy();

    /** The learned router. */
    Routing routing();

    interface Routing {
        /**
         * Which committed scorer decides {@code auto} requests: {@code static} looks the word pieces up in the
         * static-MiniLM token table (~0.05 ms, no transformer; grouped-CV APGR 0.632), {@code minilm} runs
         * all-MiniLM-L6-v2 on every request (~10 ms on two cores; grouped-CV APGR 0.622). See router/README.md.
         */
        @WithDefault("static")
        RouterModel model();

        /**
         * Whether an {@code auto} request the router keeps LOCAL is decided again with what the device's model says
         * about it: the mean surprisal of the prompt and the entropy of the first answer token, read off the prefill
         * the LOCAL answer runs anyway (no extra forward pass). {@code auto} turns it on when {@code edge.engine.model}
         * names a real model; the generated tiny default has random weights, whose measurements mean nothing.
         */
        @WithDefault("auto")
        LocalSignals localSignals();
    }

    enum RouterModel {
        STATIC, MINILM
    }

    enum LocalSignals {
        AUTO, ON, OFF
    }

    interface Api {
        /**
         * API keys accepted as {@code Authorization: Bearer}. Required when the agent binds to anything but
         * loopback; when set, every /v1 call must present one of them.
         */
        Optional<List<String>> keys();

        /** Largest request body, in bytes; larger ones get 413. */
        @WithDefault("1048576")
        @Min(1024)
        @Max(16_777_216)
        int maxBodyBytes();

        /** Completion length when a request does not set {@code max_tokens}. */
        @WithDefault("256")
        @Min(1)
        @Max(32_768)
        int defaultMaxTokens();
    }

    interface Cloud {
        /** Base URL of the cloud gateway, e.g. {@code http://127.0.0.1:8081}; unset means no cloud (LOCAL only). */
        Optional<URI> url();

        /** API key this agent presents to the cloud gateway as {@code Authorization: Bearer}. */
        Optional<String> apiKey();

        /** Time limit for one cloud call. */
        @WithDefault("10s")
        Duration timeout();

        /** Time limit for connecting to the cloud gateway. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** VERIFY as rounds (the cloud checks each draft) or one-shot (one draft, the cloud finishes the answer). */
        @WithDefault("rounds")
        VerifyStyle verifyStyle();

        /** Draft tokens sent per VERIFY round. */
        @WithDefault("6")
        @Min(1)
        @Max(64)
        int verifyDraftTokens();

        /** Failure rate, in percent of the last calls, that opens the circuit breaker. */
        @WithDefault("50")
        @Min(1)
        @Max(100)
        int breakerFailureRatePercent();

        /** How long the breaker stays open before it lets a trial call through. */
        @WithDefault("10s")
        Duration breakerOpenDuration();

        /** A streamed cloud answer that sends nothing for this long is aborted (a local fallback before the first byte). */
        @WithDefault("30s")
        Duration streamIdleTimeout();

        /** Cloud calls in flight at once (OFFLOAD answers, VERIFY rounds); beyond it requests get 429 with Retry-After. */
        @WithDefault("16")
        @Min(1)
        @Max(10_000)
        int maxConcurrency();

        /**
         * Client request headers passed on to the cloud (names, case-insensitive), e.g. {@code traceparent}; no other
         * header of the client's request ever leaves the device.
         */
        Optional<List<String>> forwardHeaders();

        /** What becomes of the OpenAI {@code user} field on the way to the cloud: {@code drop} it, or send a salted {@code hash}. */
        @WithDefault("drop")
        UserField user();

        /** The salt of {@code edge.cloud.user=hash}; required then (the same salt gives the same hash across restarts). */
        Optional<String> userSalt();
    }

    enum UserField {
        DROP, HASH
    }

    /** Graceful shutdown. */
    Shutdown shutdown();

    interface Shutdown {
        /**
         * On SIGTERM, how long answers in flight may still finish (readiness is DOWN and new requests get 503 from the
         * start); then the rest are cancelled, open streams end with an error event. Keep it below Kubernetes'
         * {@code terminationGracePeriodSeconds}.
         */
        @WithDefault("10s")
        Duration grace();
    }

    enum VerifyStyle {
        ROUNDS, ONE_SHOT
    }

    interface Engine {
        /**
         * The device's model: a directory (Hugging Face Optimum or transformers.js ONNX export, ONNX Runtime GenAI
         * folder) or a file (GGUF, llama2.c checkpoint, imported once under {@code <edge.data-dir>/imports}); its kind is
         * detected from what is on disk. Unset means the generated tiny model.
         */
        Optional<Path> model();

        /** Which graph of a transformers.js export to run ({@code fp32}, {@code fp16}, {@code q4}, ...); unset = the smallest that runs on CPU. */
        Optional<String> dtype();

        /** A {@code tokenizer.json} to use instead of the model's own, or the {@code tokenizer.bin} a llama2.c checkpoint needs. */
        Optional<Path> tokenizer();

        /** Draft model (same tokenizer as the model), a directory or file like {@code edge.engine.model}; unset means the tiny draft with the tiny model, else none. */
        Optional<Path> draftModel();

        /** Which graph of a transformers.js draft export to run; unset = the smallest that runs on CPU. */
        Optional<String> draftDtype();

        /** How LOCAL answers are decoded; {@code auto} uses the draft model when there is one, else prompt lookup. */
        @WithDefault("auto")
        LocalDecoding decoding();

        /** Largest context (prompt + answer) in tokens per request. */
        @WithDefault("4096")
        @Min(16)
        @Max(1_048_576)
        int maxContextTokens();

        /** ONNX Runtime intra-op threads per model. */
        @WithDefault("1")
        @Min(1)
        @Max(64)
        int threads();

        /** Local generations at once (forward passes of LOCAL answers and of VERIFY drafts; cloud waits never hold one). */
        @WithDefault("1")
        @Min(1)
        @Max(64)
        int maxConcurrency();

        /** Generations waiting for a free engine slot before new ones get 429. */
        @WithDefault("32")
        @Min(0)
        @Max(10_000)
        int maxQueue();

        /**
         * KV-cache bytes of finished turns kept so that a follow-up turn prefills only its new tokens (keyed by
         * {@code x-conversation-id}, else by the longest cached prompt prefix; never shared across {@code x-app-id}s;
         * least recently used first out). 0 turns the cache off.
         */
        @WithDefault("268435456")
        @Min(0)
        long conversationCacheBytes();

        /** KV-cache bytes one app's cached turns may hold (at most {@code conversation-cache-bytes}). */
        @WithDefault("67108864")
        @Min(0)
        long conversationCacheBytesPerApp();
    }

    enum LocalDecoding {
        AUTO, VANILLA, DRAFT_MODEL, PROMPT_LOOKUP
    }

    interface Privacy {
        /** Longest text, in characters, the privacy filter accepts. */
        @WithDefault("100000")
        @Min(1)
        @Max(10_000_000)
        int maxTextLength();

        /**
         * Conversation vaults (placeholder ↔ value, per {@code x-app-id} and {@code x-conversation-id}); they outlive
         * policy changes and are never shared across apps.
         */
        Vault vault();

        interface Vault {
            /** Conversations whose vaults are kept; beyond it the least recently used is dropped. */
            @WithDefault("10000")
            @Min(1)
            int maxConversations();

            /** Values (and reserved placeholder literals) one vault holds; then it answers 429 vault_full. */
            @WithDefault("10000")
            @Min(1)
            int maxEntries();

            /** Estimated bytes one vault holds (two per character of values and placeholders, plus per-entry overhead). */
            @WithDefault("1048576")
            @Min(1024)
            long maxBytes();

            /** A vault unused for longer is dropped (its placeholders can no longer be restored). */
            @WithDefault("1h")
            java.time.Duration idleTimeout();
        }
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

    /**
     * Policies from Kafka must carry an Ed25519 signature by a trusted key ({@code edge-policy-signature} and
     * {@code edge-policy-key-id} record headers, written by the cloud gateway). Anything else goes to the dead-letter
     * topic with the reason, and the policy in force stays.
     */
    interface PolicyTrust {
        /**
         * Trusted public keys by key id, one property each: {@code edge.policy.public-keys.<key-id>=<base64>}, the base64
         * X.509 (SubjectPublicKeyInfo) encoding, i.e. the body of {@code openssl pkey -pubout}'s PEM. Key ids are
         * letters, digits, '-' and '_'. List two during a key rollover. None means every policy from Kafka is refused.
         */
        Map<String, String> publicKeys();

        /**
         * Development only: apply policies from Kafka that carry no signature at all (a warning is logged at start).
         * Records that do carry a signature are still verified.
         */
        @WithDefault("false")
        boolean allowUnsigned();
    }
}
