package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.api.UpstreamException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.shutdown.InFlightWork;
import io.edgerouter.gateway.upstream.ResilientJsonClient;
import io.edgerouter.protocol.openai.ErrorBody;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Forwards validated chat and text completions to the upstream provider. Streams are passed through event by
 * event; an upstream that stalls longer than the time limit mid-stream is cut off, and the stream
 * then ends with an error event and {@code data: [DONE]}, never a hang.
 */
@ApplicationScoped
public class UpstreamCompletions {

    private final UpstreamClient client;
    private final ObjectMapper json;
    private final Optional<String> model;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upstream-stream-watchdog");
        t.setDaemon(true);
        return t;
    });

    UpstreamCompletions(UpstreamClient client, ObjectMapper json, GatewayConfig config) {
        this.client = client;
        this.json = json;
        this.model = config.upstream().model();
        this.timeout = config.upstream().timeout();
    }

    public boolean configured() {
        return client.configured();
    }

    /**
     * Forwards the request to the upstream's {@code path} ({@code chat/completions} or {@code completions}) as sent,
     * {@code stream_options} included (so the upstream's usage chunk is relayed); the response is the upstream's JSON
     * or SSE stream, or an OpenAI error. A stream the {@code ticket} cancels is cut off with an error event. Blocking.
     */
    public Response forward(String path, JsonNode body, boolean stream, InFlightWork.Ticket ticket) {
        ObjectNode request = body.deepCopy();
        model.ifPresent(m -> request.put("model", m));
        ResilientJsonClient.Reply reply = client.post(path, request.toString(), stream);
        if (reply.status() >= 300) {
            return rejected(reply);
        }
        if (!stream) {
            return Response.ok(reply.body(), MediaType.APPLICATION_JSON).build();
        }
        ticket.onCancel(() -> closeQuietly(reply.stream()));
        return Response.ok((StreamingOutput) out -> pipe(reply.stream(), new SseWriter(out, json), ticket))
                .type("text/event-stream").header("Cache-Control", "no-cache").build();
    }

    /** An upstream 4xx: the gateway's own credentials or quota are not the caller's fault (502/503); the rest is passed through. */
    private Response rejected(ResilientJsonClient.Reply reply) {
        int status = reply.status();
        if (status == 401 || status == 403) {
            throw UpstreamException.badGateway("upstream_auth", "the upstream provider rejected the gateway's credentials (" + status + ")");
        }
        if (status == 429) {
            throw UpstreamException.unavailable("upstream_rate_limited", "the upstream provider is rate limiting the gateway", 1);
        }
        String body = reply.body() == null ? "" : reply.body();
        if (body.trim().startsWith("{")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of("the upstream provider rejected the request (" + status + ")", "invalid_request_error", null, "upstream_rejected"))
                .build();
    }

    private void pipe(InputStream upstream, SseWriter sse, InFlightWork.Ticket ticket) throws IOException {
        boolean done = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8))) {
            while (true) {
                ScheduledFuture<?> cut = watchdog.schedule(() -> closeQuietly(upstream), timeout.toMillis(), TimeUnit.MILLISECONDS);
                String line;
                try {
                    line = lines.readLine();
                } catch (IOException e) {
                    line = null; // cut off by the watchdog or the connection broke
                } finally {
                    cut.cancel(false);
                }
                if (line == null || ticket.cancelled()) {
                    break;
                }
                if (line.startsWith("data:")) {
                    String data = line.substring(5).trim();
                    sse.data(data);
                    if (SseWriter.DONE.equals(data)) {
                        done = true;
                        break;
                    }
                }
            }
        }
        if (!done) {
            sse.event(ticket.cancelled()
                    ? ApiException.shuttingDown("the upstream stream was cut off").body()
                    : ErrorBody.of("the upstream stream broke off or stalled for more than " + timeout.toMillis() + " ms",
                            "upstream_error", null, "upstream_stream_broken"));
            sse.data(SseWriter.DONE);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how a stalled read is interrupted; a failure to close changes nothing
        }
    }

    @PreDestroy
    void shutdown() {
        watchdog.shutdownNow();
    }
}
