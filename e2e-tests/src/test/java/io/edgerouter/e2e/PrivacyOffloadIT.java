package io.edgerouter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PII across the whole system: agent and gateway as processes, the gateway forwarding completions to an
 * upstream provider stand-in that records what reached the cloud side and echoes the question back. None
 * of the PII values reach it; the user's answer has them restored; a block_offload entity keeps the
 * request on the device.
 */
class PrivacyOffloadIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "e2e-privacy-key";
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    private static HttpServer upstream;
    private static AppProcess gateway;
    private static AppProcess agent;
    private static String agentUrl;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/chat/completions", PrivacyOffloadIT::echo);
        upstream.createContext("/v1/completions", PrivacyOffloadIT::echoPrompt);
        upstream.start();
        Path data = Files.createTempDirectory("e2e-privacy");
        int gatewayPort = AppProcess.freePort();
        int agentPort = AppProcess.freePort();
        agentUrl = "http://127.0.0.1:" + agentPort;
        gateway = AppProcess.start(ROOT.resolve("cloud-gateway/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + gatewayPort, "-Dquarkus.http.host=127.0.0.1", "-Dgateway.agents.edge.key=" + KEY,
                "-Dgateway.data-dir=" + data.resolve("gateway"),
                "-Dgateway.upstream.url=http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1", "-Dgateway.upstream.api-key=up-key"));
        agent = AppProcess.start(ROOT.resolve("edge-agent/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + agentPort, "-Dedge.data-dir=" + data.resolve("agent"),
                "-Dedge.cloud.url=http://127.0.0.1:" + gatewayPort, "-Dedge.cloud.api-key=" + KEY));
        gateway.awaitHttpOk("http://127.0.0.1:" + gatewayPort + "/q/health/live", Duration.ofSeconds(120));
        agent.awaitHttpOk(agentUrl + "/q/health/live", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    private static void echo(HttpExchange ex) throws IOException {
        JsonNode messages = received(ex).get("messages");
        String question = messages.get(messages.size() - 1).get("content").asText();
        ObjectNode c = JSON.createObjectNode().put("id", "up-1").put("object", "chat.completion").put("created", 1).put("model", "up");
        c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", "Noted: " + question);
        reply(ex, c);
    }

    /** The upstream's {@code /v1/completions}: "Noted: " and the prompt. */
    private static void echoPrompt(HttpExchange ex) throws IOException {
        String prompt = received(ex).get("prompt").asText();
        ObjectNode c = JSON.createObjectNode().put("id", "up-2").put("object", "text_completion").put("created", 1).put("model", "up");
        c.putArray("choices").addObject().put("index", 0).put("text", "Noted: " + prompt).putNull("logprobs").put("finish_reason", "stop");
        reply(ex, c);
    }

    private static JsonNode received(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(body);
        return JSON.readTree(body);
    }

    private static void reply(HttpExchange ex, ObjectNode completion) throws IOException {
        completion.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 10).put("total_tokens", 30);
        byte[] bytes = completion.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode ask(String content) throws Exception {
        String body = JSON.createObjectNode().put("model", "cloud").put("max_tokens", 64)
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", content)))
                .toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(agentUrl + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static final List<String> VALUES = List.of("maria.gonzalez@example.org", "4111 1111 1111 1111",
            "DE89 3704 0044 0532 0130 00", "+44 20 7946 0958", "192.168.14.7", "Maria Gonzalez", "221B Baker Street");
    private static final String PROMPT = "Please draft a reply to " + VALUES.get(5) + " (" + VALUES.get(0) + "), who lives at "
            + VALUES.get(6) + ", London. Her card " + VALUES.get(1) + " was charged twice; refund to IBAN " + VALUES.get(2)
            + ", call her on " + VALUES.get(3) + ", the request came from " + VALUES.get(4) + ".";

    @Test
    void piiNeverReachesTheCloudSideAndComesBackRestored() throws Exception {
        JsonNode answer = ask(PROMPT);

        assertThat(answer.at("/route/route").asText()).as(answer.toString()).isEqualTo("OFFLOAD");
        assertSentMasked();
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Noted: " + PROMPT);
    }

    @Test
    void aTextCompletionsPiiNeverReachesTheCloudSideAndComesBackRestored() throws Exception {
        String body = JSON.createObjectNode().put("model", "cloud").put("max_tokens", 64).put("prompt", PROMPT).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(agentUrl + "/v1/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());

        assertThat(answer.at("/route/route").asText()).as(answer.toString()).isEqualTo("OFFLOAD");
        assertSentMasked();
        assertThat(answer.at("/choices/0/text").asText()).isEqualTo("Noted: " + PROMPT);
    }

    private static void assertSentMasked() {
        assertThat(RECEIVED).hasSize(1);
        for (String v : VALUES) {
            assertThat(RECEIVED.get(0)).as("cloud side must not see %s", v).doesNotContain(v);
        }
        assertThat(RECEIVED.get(0)).contains("<EMAIL_ADDRESS_1>", "<PERSON_1>", "<LOCATION_1>");
    }

    @Test
    void aBlockOffloadEntityKeepsTheRequestOnTheDevice() throws Exception {
        JsonNode answer = ask("My social security number is 536-22-8726, can you file the form?");
        assertThat(answer.at("/route/route").asText()).isEqualTo("LOCAL");
        assertThat(answer.at("/route/reasons").toString()).contains("pii:block_offload");
        assertThat(RECEIVED).isEmpty();
    }
}
