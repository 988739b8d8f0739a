package io.edgerouter.agent.egress;

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

import io.edgerouter.agent.request.Cancellation;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP side of the cloud gateway: OpenAI chat and text completions (plain and streamed) for OFFLOAD and
 * {@code /v1/verify} for VERIFY. Every call has a time limit and goes through one circuit breaker; only failures to
 * connect are retried (with backoff), because then nothing reached the cloud and a retry cannot duplicate work. A
 * {@link Cancellation} aborts the exchange (the client hung up); a stream that sends nothing for
 * {@code edge.cloud.stream-idle-timeout} is aborted too; an {@code error} event in a stream is a failure, not a chunk.
 *
 * <p>Only {@link EgressGate} may use this class (an architecture test checks it): the gate decides what may leave the
 * device; this class only carries it. Calls block their thread (a request worker, never the event loop).
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
    private final Duration streamIdle;
    private final ScheduledExecutorService watchdog;

    CloudClient(AgentConfig config, MeterRegistry registry, ObjectMapper mapper) {
        this.mapper = mapper;
        this.base = config.cloud().url().map(u -> URI.create(u.toString().replaceAll("/+$", "") + "/"));
        this.apiKey = config.cloud().apiKey();
        this.timeout = config.cloud().timeout();
        this.streamIdle = config.cloud().streamIdleTimeout();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cloud-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
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
                .ignoreException(e -> e instanceof CloudRejectedException
                        || e instanceof CloudUnavailableException u && u.reason().startsWith("cancelled:"))
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
    ChatCompletion complete(ChatRequest request, Map<String, String> headers, Cancellation cancel) {
        return complete("v1/chat/completions", ChatRequestWriter.toTree(request.withStream(false)), ChatCompletion.class, headers, cancel);
    }

    /**
     * A streamed chat completion: {@code onChunk} gets every chunk in order on the calling thread; returns
     * when the cloud sends {@code [DONE]} or closes the stream.
     */
    void stream(ChatRequest request, Map<String, String> headers, Cancellation cancel, Consumer<ChatCompletionChunk> onChunk) {
        stream("v1/chat/completions", ChatRequestWriter.toTree(request.withStream(true)), ChatCompletionChunk.class, headers, cancel, onChunk);
    }

    /** A non-streamed text completion ({@code /v1/completions}) of an (already masked) request. */
    TextCompletion complete(CompletionRequest request, Map<String, String> headers, Cancellation cancel) {
        return complete("v1/completions", ChatRequestWriter.toTree(request.withStream(false)), TextCompletion.class, headers, cancel);
    }

    /** A streamed text completion, as {@link #stream(ChatRequest, Map, Cancellation, Consumer)}. */
    void stream(CompletionRequest request, Map<String, String> headers, Cancellation cancel, Consumer<TextCompletion> onChunk) {
        stream("v1/completions", ChatRequestWriter.toTree(request.withStream(true)), TextCompletion.class, headers, cancel, onChunk);
    }

    private <T> T complete(String path, JsonNode request, Class<T> type, Map<String, String> headers, Cancellation cancel) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = call(() -> send(post(path, body, headers), HttpResponse.BodyHandlers.ofByteArray(), cancel));
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new CloudUnavailableException("cloud_bad_response", "the cloud's completion is not valid JSON: " + e.getMessage(), e);
        }
    }

    private <T> void stream(String path, JsonNode request, Class<T> type, Map<String, String> headers, Cancellation cancel,
                            Consumer<T> onChunk) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<InputStream> response = call(() -> send(post(path, body, headers), HttpResponse.BodyHandlers.ofInputStream(), cancel));
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        AtomicBoolean idle = new AtomicBoolean();
        InputStream in = response.body();
        long idleNanos = streamIdle.toNanos();
        ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastRead.get() > idleNanos && idle.compareAndSet(false, true)) {
                closeQuietly(in);
            }
        }, Math.max(10, streamIdle.toMillis() / 4), Math.max(10, streamIdle.toMillis() / 4), TimeUnit.MILLISECONDS);
        try (Cancellation.Registration r = cancel.onCancel(() -> closeQuietly(in));
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lastRead.set(System.nanoTime());
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    return;
                }
                JsonNode event = mapper.readTree(data);
                if (event.has("error")) {
                    breaker.onError(0, TimeUnit.NANOSECONDS, new IOException("error event"));
                    JsonNode err = event.get("error");
                    String message = err.isObject() ? err.path("message").asText("") : err.asText("");
                    throw new CloudUnavailableException("cloud_stream_error", "the cloud's stream carried an error event: "
                            + (message.isEmpty() ? err.toString() : message), null);
                }
                onChunk.accept(mapper.treeToValue(event, type));
            }
            if (!cancel.cancelled() && !idle.get()) {
                return; // closed without [DONE]: what arrived stands (some servers omit [DONE])
            }
            throw brokenStream(cancel, idle, null);
        } catch (IOException | UncheckedIOException e) {
            throw brokenStream(cancel, idle, e);
        } finally {
            check.cancel(false);
        }
    }

    private CloudUnavailableException brokenStream(Cancellation cancel, AtomicBoolean idle, Exception e) {
        if (cancel.cancelled()) {
            return new CloudUnavailableException("cancelled:" + cancel.reason(), "the cloud call was cancelled: " + cancel.reason(), e);
        }
        breaker.onError(0, TimeUnit.NANOSECONDS, e == null ? new IOException("stream ended") : e);
        if (idle.get()) {
            return new CloudUnavailableException("cloud_stream_idle", "the cloud's stream sent nothing for "
                    + streamIdle.toMillis() + " ms (edge.cloud.stream-idle-timeout)", e);
        }
        return new CloudUnavailableException("cloud_unreachable", "the cloud's stream broke off: " + (e == null ? "" : e.getMessage()), e);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the read is aborted; a failure to close changes nothing
        }
    }

    /** One VERIFY round. */
    VerifyResponse verify(VerifyRequest request, Map<String, String> headers, Cancellation cancel) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> withSession = headers;
        if (request.sessionId() != null) { // for a load balancer to keep the session's rounds on one replica
            withSession = new java.util.LinkedHashMap<>(headers);
            withSession.put(VerifyRequest.SESSION_HEADER, request.sessionId());
        }
        Map<String, String> sent = withSession;
        HttpResponse<byte[]> response = call(() -> send(post("v1/verify", body, sent), HttpResponse.BodyHandlers.ofByteArray(), cancel));
        try {
            return mapper.readValue(response.body(), VerifyResponse.class);
        } catch (IOException e) {
            throw new CloudUnavailableException("cloud_bad_response", "the cloud's verify answer is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Ends a VERIFY session early so the cloud frees its KV cache; failures are ignored. */
    void endVerifySession(String sessionId) {
        if (base.isEmpty() || sessionId == null) {
            return;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.get().resolve("v1/verify/sessions/" + sessionId))
                .timeout(timeout).header(VerifyRequest.SESSION_HEADER, sessionId).DELETE();
        apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest post(String path, byte[] body, Map<String, String> headers) {
        URI uri = base.orElseThrow(() -> new CloudUnavailableException("cloud_not_configured",
                "no cloud gateway is configured (edge.cloud.url)", null)).resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return b.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Cancellation cancel) {
        HttpResponse<T> response;
        CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, handler);
        try (Cancellation.Registration r = cancel.onCancel(() -> exchange.cancel(true))) {
            response = exchange.get();
        } catch (CancellationException e) {
            throw new CloudUnavailableException("cancelled:" + cancel.reason(), "the cloud call was cancelled: " + cancel.reason(), e);
        } catch (ExecutionException wrapped) {
            Throwable e = wrapped.getCause();
            if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException || e.getCause() instanceof ConnectException) {
                throw new ConnectIOException(e);
            }
            if (e instanceof HttpTimeoutException) {
                throw new CloudUnavailableException("cloud_timeout", "the cloud did not answer within " + timeout.toMillis() + " ms", e);
            }
            if (cancel.cancelled()) {
                throw new CloudUnavailableException("cancelled:" + cancel.reason(), "the cloud call was cancelled: " + cancel.reason(), e);
            }
            throw new CloudUnavailableException("cloud_unreachable", "cloud call failed: " + e, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new CloudUnavailableException("cloud_unreachable", "interrupted while calling the cloud", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        JsonNode error = errorBody(response.body());
        String detail = error.path("message").isTextual() ? ": " + error.path("message").asText() : "";
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new CloudRejectedException(status, error.path("code").asText(""), detail);
        }
        throw new CloudUnavailableException("cloud_error:" + status, "the cloud answered " + status + detail, null);
    }

    /** The {@code error} object of an OpenAI-style error body, or a missing node. */
    private JsonNode errorBody(Object body) {
        try {
            byte[] bytes = body instanceof byte[] b ? b : body instanceof InputStream in ? in.readNBytes(64 * 1024) : null;
            if (body instanceof InputStream in) {
                in.close();
            }
            return bytes == null ? mapper.missingNode() : mapper.readTree(bytes).path("error");
        } catch (IOException | RuntimeException e) {
            return mapper.missingNode();
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
