package io.edgerouter.gateway.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in OpenAI-compatible provider on loopback. {@link #mode} decides how it answers; it records
 * the Authorization header and body of each request.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    public enum Mode { OK, SLOW, FAIL, STALL_STREAM }

    public static final String UPSTREAM_KEY = "upstream-secret";
    /** The usage the stub's streams report when asked for it. */
    static final String STREAM_USAGE = "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}";
    static volatile Mode mode = Mode.OK;
    static final List<String> authorizations = new CopyOnWriteArrayList<>();
    static final List<String> bodies = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the upstream stub", e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", UpstreamStub::handle);
        server.createContext("/v1/completions", UpstreamStub::text);
        server.start();
        return Map.of(
                "gateway.upstream.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "gateway.upstream.api-key", UPSTREAM_KEY,
                "gateway.upstream.model", "big-model",
                "gateway.upstream.timeout", "1s",
                "gateway.upstream.breaker-open-for", "30s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        try (exchange) {
            switch (mode) {
                case OK -> {
                    if (body.contains("\"stream\":true")) {
                        stream(exchange, body, true);
                    } else {
                        send(exchange, 200, "application/json", """
                                {"id":"chatcmpl-up","object":"chat.completion","created":1,"model":"big-model",
                                 "choices":[{"index":0,"message":{"role":"assistant","content":"from upstream"},"finish_reason":"stop"}],
                                 "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""");
                    }
                }
                case SLOW -> {
                    sleep(5_000);
                    send(exchange, 200, "application/json", "{}");
                }
                case FAIL -> send(exchange, 500, "text/plain", "upstream exploded");
                case STALL_STREAM -> stream(exchange, body, false);
            }
        }
    }

    /** {@code /v1/completions}: one text_completion, streamed when asked. */
    private static void text(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        try (exchange) {
            if (body.contains("\"stream\":true")) {
                streamText(exchange, body);
                return;
            }
            send(exchange, 200, "application/json", """
                    {"id":"cmpl-up","object":"text_completion","created":1,"model":"big-model",
                     "choices":[{"index":0,"text":" upon a time","logprobs":null,"finish_reason":"length"}],
                     "usage":{"prompt_tokens":2,"completion_tokens":4,"total_tokens":6}}""");
        }
    }

    private static void stream(HttpExchange exchange, String body, boolean finish) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"from \"}}]}\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (!finish) {
            sleep(5_000);
            return;
        }
        out.write("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"upstream\"}}]}\n\n".getBytes(StandardCharsets.UTF_8));
        if (usageAsked(body)) {
            out.write(("data: {\"object\":\"chat.completion.chunk\",\"choices\":[]," + STREAM_USAGE + "}\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A streamed text completion, with a usage chunk when asked for. */
    private static void streamText(HttpExchange exchange, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("data: {\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" upon\",\"finish_reason\":null}]}\n\n".getBytes(StandardCharsets.UTF_8));
        out.write("data: {\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}\n\n".getBytes(StandardCharsets.UTF_8));
        if (usageAsked(body)) {
            out.write(("data: {\"object\":\"text_completion\",\"choices\":[]," + STREAM_USAGE + "}\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static boolean usageAsked(String body) {
        return body.replace(" ", "").contains("\"stream_options\":{\"include_usage\":true}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
