package io.edgerouter.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.config.AgentConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * What every {@code /v1} call (and {@code /tokenize}, {@code /detokenize}) passes first: the API key when keys are configured (required when the
 * agent listens beyond loopback), the shape of the {@code x-app-id} header (400 naming it) and the body size limit by
 * Content-Length. Also writes every error
 * as OpenAI's error body.
 */
@ApplicationScoped
public class ApiGuard {

    private final List<byte[]> keys;
    private final int maxBodyBytes;
    private final ObjectMapper mapper;
    private final String host;

    ApiGuard(AgentConfig config, ObjectMapper mapper, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.keys = config.api().keys().orElse(List.of()).stream()
                .filter(k -> !k.isBlank())
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .toList();
        this.maxBodyBytes = config.api().maxBodyBytes();
        this.mapper = mapper;
        this.host = host;
    }

    void check(@Observes StartupEvent event) {
        if (keys.isEmpty() && !isLoopback(host)) {
            throw new IllegalStateException("quarkus.http.host=" + host + " is not loopback: set edge.api.keys "
                    + "(API keys required when the agent is reachable from other machines)");
        }
    }

    static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(-100).handler(this::authorize);
        router.route("/tokenize").order(-100).handler(this::authorize);
        router.route("/detokenize").order(-100).handler(this::authorize);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    void authorize(RoutingContext ctx) {
        if (!keys.isEmpty()) {
            String auth = ctx.request().getHeader("Authorization");
            String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
            if (presented == null || !known(presented.getBytes(StandardCharsets.UTF_8))) {
                write(ctx, new ApiErrors.UnauthorizedException(presented == null
                        ? "missing API key: send Authorization: Bearer <key>" : "invalid API key"));
                return;
            }
        }
        String app = ctx.request().getHeader("x-app-id");
        if (app != null && !io.edgerouter.protocol.fleet.Identifiers.valid(app)) {
            // the app id keys caches, vaults, policy overrides and fleet telemetry: bounded and plain
            write(ctx, new io.edgerouter.protocol.openai.InvalidRequestException("x-app-id",
                    "header must be " + io.edgerouter.protocol.fleet.Identifiers.RULE));
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > maxBodyBytes) {
                    write(ctx, new ApiErrors.PayloadTooLargeException(maxBodyBytes));
                    return;
                }
            } catch (NumberFormatException ignored) {
                // the HTTP layer rejects a malformed Content-Length
            }
        }
        ctx.next();
    }

    private boolean known(byte[] presented) {
        boolean match = false;
        for (byte[] k : keys) {
            match |= MessageDigest.isEqual(k, presented);
        }
        return match;
    }

    void fail(RoutingContext ctx) {
        Throwable error = ctx.failure();
        if (error == null && ctx.statusCode() == 413) {
            error = new ApiErrors.PayloadTooLargeException(maxBodyBytes);
        } else if (error == null) {
            error = new IllegalStateException("request failed with status " + ctx.statusCode());
        }
        write(ctx, error);
    }

    /** Writes {@code error} as status + OpenAI error body (once; later calls are ignored). */
    public void write(RoutingContext ctx, Throwable error) {
        ApiErrors.Mapped m = ApiErrors.map(error);
        if (ctx.response().ended() || ctx.response().headWritten()) {
            if (!ctx.response().ended()) {
                ctx.response().end();
            }
            return;
        }
        try {
            ctx.response().setStatusCode(m.status()).putHeader("content-type", "application/json");
            if (m.retryAfter() != null) {
                ctx.response().putHeader("Retry-After", Integer.toString(m.retryAfter()));
            }
            ctx.response().end(Buffer.buffer(mapper.writeValueAsBytes(m.body())));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
