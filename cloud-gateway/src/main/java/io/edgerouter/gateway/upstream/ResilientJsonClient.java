package io.edgerouter.gateway.upstream;

import io.edgerouter.gateway.api.UpstreamException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Calls an upstream HTTP JSON API (an OpenAI-compatible provider, a vLLM server) through a
 * Resilience4j time limiter and circuit breaker: a slow upstream costs at most the time limit, a
 * failing one is cut off (503 with Retry-After) until the breaker probes it again. Upstream 5xx,
 * timeouts and connection errors count as failures; the key is sent as a Bearer token and never logged.
 */
public final class ResilientJsonClient {

    private static final Logger LOG = Logger.getLogger(ResilientJsonClient.class);

    /** An upstream answer whose body is still to be read (streaming) or already read. */
    public record Reply(int status, String contentType, String body, InputStream stream) {
    }

    private final Optional<URI> base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final Duration openFor;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;

    private final String name;

    /**
     * @param name            what the upstream is, for messages ({@code upstream provider}, {@code vLLM server})
     * @param base            base URL; empty means not configured (every call is a 503)
     * @param failureRate     failure rate in percent over the last 10 calls that opens the breaker
     */
    public ResilientJsonClient(String name, Optional<URI> base, Optional<String> apiKey, Duration timeout,
                               int failureRate, Duration openFor) {
        this.name = name;
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.openFor = openFor;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRate)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(IOException.class, TimeoutException.class, UpstreamFailure.class)
                .build());
        this.limiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build());
    }

    public boolean configured() {
        return base.isPresent();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** POSTs JSON to {@code <url>/<path>}; the reply's body is read whole unless {@code stream}. */
    public Reply post(String path, String json, boolean stream) {
        URI uri = resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        try {
            return breaker.executeCallable(() -> call(request.build(), stream));
        } catch (CallNotPermittedException e) {
            throw UpstreamException.unavailable("upstream_unavailable", "the " + name + " is failing; the gateway stopped calling it for "
                    + openFor.toSeconds() + " s (circuit breaker open)", Math.max(1, openFor.toSeconds()));
        } catch (TimeoutException | java.net.http.HttpTimeoutException e) {
            throw UpstreamException.badGateway("upstream_timeout", "the " + name + " did not answer within " + timeout.toMillis() + " ms");
        } catch (UpstreamFailure e) {
            throw UpstreamException.badGateway("upstream_error", e.getMessage());
        } catch (IOException e) {
            throw UpstreamException.badGateway("upstream_unreachable", "cannot reach the " + name + ": " + e.getClass().getSimpleName());
        } catch (UpstreamException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("upstream call failed: %s", e.toString());
            throw UpstreamException.badGateway("upstream_error", "upstream call failed: " + e.getClass().getSimpleName());
        }
    }

    private Reply call(HttpRequest request, boolean stream) throws Exception {
        if (!stream) {
            HttpResponse<String> response = await(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            if (response.statusCode() >= 500) {
                throw new UpstreamFailure("the " + name + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            return new Reply(response.statusCode(), contentType(response), response.body(), null);
        }
        HttpResponse<InputStream> response = await(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        if (response.statusCode() >= 300) {
            String body = readLimited(response.body());
            if (response.statusCode() >= 500) {
                throw new UpstreamFailure("the " + name + " answered " + response.statusCode() + ": " + abbreviate(body));
            }
            return new Reply(response.statusCode(), contentType(response), body, null);
        }
        return new Reply(response.statusCode(), contentType(response), null, response.body());
    }

    /** Waits for the upstream's response headers (and body, when not streamed) within the time limit. */
    private <T> HttpResponse<T> await(java.util.function.Supplier<java.util.concurrent.CompletableFuture<HttpResponse<T>>> send) throws Exception {
        try {
            return limiter.executeFutureSupplier(send::get);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("application/json");
    }

    private URI resolve(String path) {
        URI b = base.orElseThrow(() -> UpstreamException.unavailable("upstream_not_configured", "no " + name + " is configured", 0));
        String s = b.toString();
        return URI.create((s.endsWith("/") ? s : s + "/") + path);
    }

    private static String readLimited(InputStream in) throws IOException {
        try (in) {
            return new String(in.readNBytes(4 * 1024 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    /** The upstream answered with a server error: counts against the breaker. */
    static final class UpstreamFailure extends Exception {
        UpstreamFailure(String message) {
            super(message);
        }
    }
}
