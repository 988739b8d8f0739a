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
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A stand-in cloud gateway on loopback: answers OpenAI chat completions (plain and streamed) by
 * echoing the last user message, text completions by echoing the prompt, and {@code /v1/verify} by accepting
 * every draft token. It keeps every
 * request body so a test can check what left the device. {@link #down} makes it answer 503.
 */
public class StandInCloud implements QuarkusTestResourceLifecycleManager {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    /** Request headers of every call, lower-case names. */
    static final List<Map<String, String>> HEADERS = new CopyOnWriteArrayList<>();
    static volatile boolean down;
    /** Milliseconds every chat/text completion waits before answering (a slow cloud). */
    static volatile long delayMillis;
    /** Streamed completions send an OpenAI error event instead of their first chunk. */
    static volatile boolean streamErrorEvent;
    /** Streamed completions go silent for 4 s after this many chunks (-1 = never). */
    static volatile int streamStallAfterChunks = -1;
    /** VERIFY rounds from this one on (1-based) get 429; 0 = never. */
    static volatile int verify429FromRound;
    /** The VERIFY round (1-based) answered 404 session_not_found when it only appends to the session; 0 = never. */
    static volatile int verifySessionLostOnRound;
    private static final java.util.concurrent.atomic.AtomicInteger VERIFY_ROUNDS = new java.util.concurrent.atomic.AtomicInteger();
    static final String KEY = "agent-key-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    /** Up again, nothing received: before and after each test. */
    static void reset() {
        RECEIVED.clear();
        HEADERS.clear();
        down = false;
        delayMillis = 0;
        streamErrorEvent = false;
        streamStallAfterChunks = -1;
        verify429FromRound = 0;
        verifySessionLostOnRound = 0;
        VERIFY_ROUNDS.set(0);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/completions", this::text);
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
        JsonNode req = accepted(ex);
        if (req == null) {
            return;
        }
        JsonNode messages = req.get("messages");
        String answer = "You wrote: " + messages.get(messages.size() - 1).get("content").asText();
        if (req.path("stream").asBoolean(false)) {
            stream(ex, answer, "chat.completion.chunk", (choice, piece) -> choice.putObject("delta").put("content", piece),
                    choice -> choice.putObject("delta"));
            return;
        }
        ObjectNode c = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion").put("created", 1).put("model", "m");
        c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", answer);
        c.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        send(ex, 200, c.toString(), "application/json");
    }

    /** {@code /v1/completions}: "You wrote: " and the prompt, as text_completion objects. */
    private void text(HttpExchange ex) throws IOException {
        JsonNode req = accepted(ex);
        if (req == null) {
            return;
        }
        String answer = "You wrote: " + req.get("prompt").asText();
        if (req.path("stream").asBoolean(false)) {
            stream(ex, answer, "text_completion", (choice, piece) -> choice.put("text", piece).putNull("logprobs"),
                    choice -> choice.put("text", "").putNull("logprobs"));
            return;
        }
        ObjectNode c = JSON.createObjectNode().put("id", "t1").put("object", "text_completion").put("created", 1).put("model", "m");
        c.putArray("choices").addObject().put("index", 0).put("text", answer).putNull("logprobs").put("finish_reason", "stop");
        c.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        send(ex, 200, c.toString(), "application/json");
    }

    /** The request body, kept, when the stand-in is up and the agent's key is right; else answers 503 / 401 and returns null. */
    private JsonNode accepted(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(body);
        headers(ex);
        long delay = delayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (down || !("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, down ? 503 : 401, "{\"error\":{\"message\":\"unavailable\",\"type\":\"server_error\"}}", "application/json");
            return null;
        }
        return JSON.readTree(body);
    }

    /** Streams {@code answer} three characters per chunk, then a finish chunk and {@code [DONE]}. */
    private static void stream(HttpExchange ex, String answer, String object, BiConsumer<ObjectNode, String> piece,
                               Consumer<ObjectNode> last) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            if (streamErrorEvent) {
                out.write("data: {\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}\n\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            for (int i = 0; i < answer.length(); i += 3) {
                if (i / 3 == streamStallAfterChunks) {
                    try {
                        Thread.sleep(4000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                ObjectNode chunk = JSON.createObjectNode().put("id", "c1").put("object", object).put("created", 1).put("model", "m");
                piece.accept(chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason"),
                        answer.substring(i, Math.min(answer.length(), i + 3)));
                out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            ObjectNode end = JSON.createObjectNode().put("id", "c1").put("object", object).put("created", 1).put("model", "m");
            last.accept(end.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop"));
            out.write(("data: " + end + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void verify(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(body);
        headers(ex);
        if (ex.getRequestMethod().equals("DELETE")) {
            send(ex, 204, "", "application/json");
            return;
        }
        if (down) {
            send(ex, 503, "{\"error\":{\"message\":\"unavailable\"}}", "application/json");
            return;
        }
        JsonNode req = JSON.readTree(body);
        int round = VERIFY_ROUNDS.incrementAndGet();
        if (verify429FromRound > 0 && round >= verify429FromRound) {
            send(ex, 429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}", "application/json");
            return;
        }
        if (round == verifySessionLostOnRound && req.has("context_append_ids")) {
            send(ex, 404, "{\"error\":{\"message\":\"no such session\",\"code\":\"session_not_found\"}}", "application/json");
            return;
        }
        int drafted = req.path("draft_ids").size();
        ObjectNode r = JSON.createObjectNode().put("accepted", drafted).put("next_token", (int) 'x')
                .put("session_id", "s1");
        send(ex, 200, r.toString(), "application/json");
    }

    private static void headers(HttpExchange ex) {
        Map<String, String> h = new java.util.TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        HEADERS.add(h);
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
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
            return Map.of("edge.cloud.breaker-open-duration", "1s", "edge.cloud.timeout", "8s", "edge.fleet", "cloud-test",
                    "edge.cloud.forward-headers", "traceparent", "edge.engine.max-concurrency", "1",
                    "edge.cloud.stream-idle-timeout", "1s");
        }
    }
}
