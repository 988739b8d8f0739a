package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in cloud gateway on loopback: answers OpenAI chat completions (plain and streamed) by
 * echoing the last user message, and {@code /v1/verify} by accepting every draft token. It keeps every
 * request body so a test can check what left the device. {@link #down} makes it answer 503.
 */
public class StandInCloud implements QuarkusTestResourceLifecycleManager {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static volatile boolean down;
    static final String KEY = "agent-key-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/verify", this::verify);
        server.start();
        return Map.of("edge.cloud.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "edge.cloud.api-key", KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void chat(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(body);
        if (down || !("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, down ? 503 : 401, "{\"error\":{\"message\":\"unavailable\",\"type\":\"server_error\"}}", "application/json");
            return;
        }
        JsonNode req = JSON.readTree(body);
        JsonNode messages = req.get("messages");
        String question = messages.get(messages.size() - 1).get("content").asText();
        String answer = "You wrote: " + question;
        if (req.path("stream").asBoolean(false)) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < answer.length(); i += 3) {
                    ObjectNode chunk = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion.chunk")
                            .put("created", 1).put("model", "m");
                    chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                            .putObject("delta").put("content", answer.substring(i, Math.min(answer.length(), i + 3)));
                    out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                ObjectNode last = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion.chunk")
                        .put("created", 1).put("model", "m");
                last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
                out.write(("data: " + last + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        ObjectNode c = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion").put("created", 1).put("model", "m");
        c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", answer);
        c.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        send(ex, 200, c.toString(), "application/json");
    }

    private void verify(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(body);
        if (down) {
            send(ex, 503, "{\"error\":{\"message\":\"unavailable\"}}", "application/json");
            return;
        }
        JsonNode req = JSON.readTree(body);
        int drafted = req.path("draft_ids").size();
        ObjectNode r = JSON.createObjectNode().put("accepted", drafted).put("next_token", (int) 'x')
                .put("session_id", "s1");
        send(ex, 200, r.toString(), "application/json");
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A profile whose agent talks to this stand-in (and, like every test, to the in-JVM Kafka broker). */
    public static class Profile implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandInCloud.class), new TestResourceEntry(KafkaBrokerResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edge.cloud.breaker-open-duration", "1s", "edge.cloud.timeout", "3s", "edge.fleet", "cloud-test");
        }
    }
}
