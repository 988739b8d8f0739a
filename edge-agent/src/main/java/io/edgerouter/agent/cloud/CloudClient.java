package io.edgerouter.agent.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatCompletionChunk;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.ChatRequestWriter;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.TextCompletion;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Talks to the cloud gateway: OpenAI chat and text completions (plain and streamed) for OFFLOAD and
 * {@code /v1/verify} for VERIFY. Every call has a time limit and goes through one circuit breaker;
 * only failures to connect are retried (with backoff), because then nothing reached the cloud and a
 * retry cannot duplicate work. Calls block their thread: callers run on engine or worker threads.
 */
@ApplicationScoped
public class CloudClient {

    private final Optional<URI> base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ObjectMapper mapper;

    CloudClient(AgentConfig config, MeterRegistry registry, ObjectMapper mapper) {
        this.mapper = mapper;
        this.base = config.cloud().url().map(u -> URI.create(u.toString().replaceAll("/+$", "") + "/"));
        this.apiKey = config.cloud().apiKey();
        this.timeout = config.cloud().timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.cloud().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(config.cloud().breakerFailureRatePercent())
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .waitDurationInOpenState(config.cloud().breakerOpenDuration())
                // Routing stops choosing the cloud while the breaker is open, so no call would ever find out that
                // the cloud is back: move to half-open on a timer and let the next cloud route be the trial call.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(CloudRejectedException.class)
                .build());
        this.breaker = breakers.circuitBreaker("cloud");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        this.retry = Retry.of("cloud-connect", RetryConfig.custom()
                .maxAttempts(2)
                .waitDuration(Duration.ofMillis(100))
                .retryOnException(e -> e instanceof ConnectIOException)
                .build());
    }

    /** Whether a cloud gateway is configured at all. */
    public boolean configured() {
        return base.isPresent();
    }

    /** Configured and the breaker lets calls through (closed or half-open). */
    public boolean available() {
        return base.isPresent() && breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** A non-streamed chat completion of an (already masked) request. */
    public ChatCompletion complete(ChatRequest request) {
        return complete("v1/chat/completions", ChatRequestWriter.toTree(request.withStream(false)), ChatCompletion.class);
    }

    /**
     * A streamed chat completion: {@code onChunk} gets every chunk in order on the calling thread; returns
     * when the cloud sends {@code [DONE]} or closes the stream.
     */
    public void stream(ChatRequest request, Consumer<ChatCompletionChunk> onChunk) {
        stream("v1/chat/completions", ChatRequestWriter.toTree(request.withStream(true)), ChatCompletionChunk.class, onChunk);
    }

    /** A non-streamed text completion ({@code /v1/completions}) of an (already masked) request. */
    public TextCompletion complete(CompletionRequest request) {
        return complete("v1/completions", ChatRequestWriter.toTree(request.withStream(false)), TextCompletion.class);
    }

    /** A streamed text completion, as {@link #stream(ChatRequest, Consumer)}. */
    public void stream(CompletionRequest request, Consumer<TextCompletion> onChunk) {
        stream("v1/completions", ChatRequestWriter.toTree(request.withStream(true)), TextCompletion.class, onChunk);
    }

    private <T> T complete(String path, JsonNode request, Class<T> type) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = call(() -> send(post(path, body), HttpResponse.BodyHandlers.ofByteArray()));
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new CloudUnavailableException("cloud_bad_response", "the cloud's completion is not valid JSON: " + e.getMessage(), e);
        }
    }

    private <T> void stream(String path, JsonNode request, Class<T> type, Consumer<T> onChunk) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<Stream<String>> response = call(() -> send(post(path, body), HttpResponse.BodyHandlers.ofLines()));
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    return;
                }
                onChunk.accept(mapper.readValue(data, type));
            }
        } catch (IOException | UncheckedIOException e) {
            breaker.onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, e);
            throw new CloudUnavailableException("cloud_unreachable", "the cloud's stream broke off: " + e.getMessage(), e);
        }
    }

    /** One VERIFY round. */
    public VerifyResponse verify(VerifyRequest request) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<byte[]> response = call(() -> send(post("v1/verify", body), HttpResponse.BodyHandlers.ofByteArray()));
        try {
            return mapper.readValue(response.body(), VerifyResponse.class);
        } catch (IOException e) {
            throw new CloudUnavailableException("cloud_bad_response", "the cloud's verify answer is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Ends a VERIFY session early so the cloud frees its KV cache; failures are ignored. */
    public void endVerifySession(String sessionId) {
        if (base.isEmpty() || sessionId == null) {
            return;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.get().resolve("v1/verify/sessions/" + sessionId))
                .timeout(timeout).DELETE();
        apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest post(String path, byte[] body) {
        URI uri = base.orElseThrow(() -> new CloudUnavailableException("cloud_not_configured",
                "no cloud gateway is configured (edge.cloud.url)", null)).resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return b.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response;
        try {
            response = http.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ConnectIOException(e);
        } catch (HttpTimeoutException e) {
            throw new CloudUnavailableException("cloud_timeout", "the cloud did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw new ConnectIOException(e);
            }
            throw new CloudUnavailableException("cloud_unreachable", "cloud call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudUnavailableException("cloud_unreachable", "interrupted while calling the cloud", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String detail = errorMessage(response.body());
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new CloudRejectedException(status, detail);
        }
        throw new CloudUnavailableException("cloud_error:" + status, "the cloud answered " + status + detail, null);
    }

    private String errorMessage(Object body) {
        try {
            byte[] bytes = body instanceof byte[] b ? b : null;
            if (body instanceof Stream<?> s) {
                bytes = String.join("\n", s.map(String::valueOf).toList()).getBytes(StandardCharsets.UTF_8);
            }
            if (bytes == null) {
                return "";
            }
            JsonNode n = mapper.readTree(bytes);
            return n.path("error").path("message").isTextual() ? ": " + n.path("error").path("message").asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private <T> T call(Supplier<T> work) {
        try {
            return breaker.executeSupplier(Retry.decorateSupplier(retry, work));
        } catch (CallNotPermittedException e) {
            throw new CloudUnavailableException("breaker_open", "the cloud circuit breaker is open after repeated failures", e);
        } catch (ConnectIOException e) {
            throw new CloudUnavailableException("cloud_unreachable", "cannot connect to the cloud gateway at " + base.orElse(null)
                    + ": " + e.getCause(), e.getCause());
        }
    }

    /** Connecting failed: nothing was sent, so a retry is safe. */
    private static final class ConnectIOException extends RuntimeException {
        ConnectIOException(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }
}
