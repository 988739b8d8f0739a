package io.edgerouter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge agent and the cloud gateway as separate processes from their built jars, talking real HTTP
 * on loopback: VERIFY against the gateway's own model, OFFLOAD through it (chat and text completions), and the
 * agent answering locally once the gateway is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentAndGatewayIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final String KEY = "e2e-agent-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static AppProcess gateway;
    private static List<String> gatewayArgs;
    private static AppProcess agent;
    private static String gatewayUrl;
    private static String agentUrl;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("e2e-apps");
        int gatewayPort = AppProcess.freePort();
        int agentPort = AppProcess.freePort();
        gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        agentUrl = "http://127.0.0.1:" + agentPort;
        gatewayArgs = List.of("-Dquarkus.http.port=" + gatewayPort, "-Dquarkus.http.host=127.0.0.1",
                "-Dgateway.agents.edge-1.key=" + KEY, "-Dgateway.data-dir=" + data.resolve("gateway"));
        gateway = AppProcess.start(ROOT.resolve("cloud-gateway/target/quarkus-app/quarkus-run.jar"), gatewayArgs);
        agent = AppProcess.start(ROOT.resolve("edge-agent/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + agentPort, "-Dedge.data-dir=" + data.resolve("agent"),
                "-Dedge.cloud.url=" + gatewayUrl, "-Dedge.cloud.api-key=" + KEY, "-Dedge.cloud.breaker-open-duration=3s"));
        gateway.awaitHttpOk(gatewayUrl + "/q/health/ready", Duration.ofSeconds(120));
        agent.awaitHttpOk(agentUrl + "/q/health/ready", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** POSTs JSON (with a bearer key when not null) and returns the body of the 200 it must get. */
    static JsonNode post(String url, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** A greedy chat request of one user message. */
    static String chat(String model, String content, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    /** A chat-style question with an obvious answer: the router scores it far below the cloud share's cut. */
    static final String EASY = "What is the capital of France?";
    /**
     * A proof request: among the hardest fifth of scores of the default model (trained on every family, within each
     * file), while a short factual question stays local.
     */
    static final String HARD = "Prove that there are infinitely many primes.";

    @Test
    @Order(0)
    void underAutoTheEasyPromptStaysLocalAndTheHardOneIsOffloaded() throws Exception {
        // the embedded default policy: the hardest 20 % of scores go to the cloud, the next 15 % are verified
        JsonNode easy = post(agentUrl + "/v1/chat/completions", chat("auto", EASY, 8), null);
        JsonNode hard = post(agentUrl + "/v1/chat/completions", chat("auto", HARD, 8), null);

        assertThat(easy.at("/route/route").asText()).as(easy.toString()).isEqualTo("LOCAL");
        assertThat(easy.at("/route/policy_version").asLong()).isEqualTo(1);
        assertThat(hard.at("/route/route").asText()).as(hard.toString()).isEqualTo("OFFLOAD");
        assertThat(hard.at("/route/score").asDouble()).isGreaterThan(easy.at("/route/score").asDouble());
        // the offloaded answer is the gateway's model's, billed in cloud tokens
        assertThat(hard.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(hard.at("/choices/0/message/content").asText()).isNotEmpty();
    }

    @Test
    @Order(1)
    void verifyAnswerEqualsTheGatewaysOwnGreedyAnswer() throws Exception {
        String prompt = "Rewrite: the quick brown fox jumps over the lazy dog";
        JsonNode viaAgent = post(agentUrl + "/v1/chat/completions", chat("verify", prompt, 24), null);
        JsonNode direct = post(gatewayUrl + "/v1/chat/completions", chat("default", prompt, 24), KEY);

        assertThat(viaAgent.at("/route/route").asText()).isEqualTo("VERIFY");
        assertThat(viaAgent.at("/choices/0/message/content").asText())
                .isEqualTo(direct.at("/choices/0/message/content").asText());
    }

    @Test
    @Order(1)
    void samplingVerifyIsAcceptedByTheGatewayAndReproducibleWithASeed() throws Exception {
        String body = "{\"model\":\"verify\",\"max_tokens\":24,\"temperature\":0.8,\"top_p\":0.9,\"seed\":7,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about foxes\"}]}";
        JsonNode first = post(agentUrl + "/v1/chat/completions", body, null);
        JsonNode second = post(agentUrl + "/v1/chat/completions", body, null);

        // the gateway took the sampling parameters (a 400 would have ended the answer on the device)
        assertThat(first.at("/route/route").asText()).isEqualTo("VERIFY");
        assertThat(first.at("/route/reasons").toString()).doesNotContain("verify:finished_locally").doesNotContain("cloud_rejected");
        assertThat(first.at("/choices/0/message/content").asText()).isNotEmpty()
                .isEqualTo(second.at("/choices/0/message/content").asText());
    }

    private static String completion(String model, String prompt, int maxTokens) {
        return JSON.createObjectNode().put("model", model).put("prompt", prompt).put("max_tokens", maxTokens)
                .put("temperature", 0).toString();
    }

    @Test
    @Order(1)
    void verifyOfATextCompletionEqualsTheGatewaysOwnGreedyContinuation() throws Exception {
        String prompt = "Once upon a time there was a";
        JsonNode viaAgent = post(agentUrl + "/v1/completions", completion("verify", prompt, 24), null);
        JsonNode direct = post(gatewayUrl + "/v1/completions", completion("default", prompt, 24), KEY);

        assertThat(viaAgent.at("/object").asText()).isEqualTo("text_completion");
        assertThat(viaAgent.at("/route/route").asText()).as(viaAgent.toString()).isEqualTo("VERIFY");
        assertThat(viaAgent.at("/choices/0/text").asText()).isEqualTo(direct.at("/choices/0/text").asText());
    }

    @Test
    @Order(2)
    void offloadOfATextCompletionSendsTheGatewayTheMaskedPrompt() throws Exception {
        JsonNode viaAgent = post(agentUrl + "/v1/completions", completion("cloud", "Tell jane.doe@example.com that the plan", 12), null);
        // the gateway's own model, asked directly with what the agent must have sent, writes the same continuation
        JsonNode direct = post(gatewayUrl + "/v1/completions", completion("default", "Tell <EMAIL_ADDRESS_1> that the plan", 12), KEY);

        assertThat(viaAgent.at("/route/route").asText()).as(viaAgent.toString()).isEqualTo("OFFLOAD");
        assertThat(viaAgent.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(viaAgent.at("/choices/0/text").asText())
                .isEqualTo(direct.at("/choices/0/text").asText().replace("<EMAIL_ADDRESS_1>", "jane.doe@example.com"));
    }

    @Test
    @Order(2)
    void offloadGoesThroughTheGateway() throws Exception {
        JsonNode r = post(agentUrl + "/v1/chat/completions", chat("cloud", "Tell jane.doe@example.com the plan", 12), null);
        assertThat(r.at("/route/route").asText()).isEqualTo("OFFLOAD");
        assertThat(r.at("/usage/completion_tokens").asInt()).isPositive();
    }

    @Test
    @Order(3)
    void withTheGatewayGoneEveryRequestIsStillAnsweredLocally() throws Exception {
        gateway.close();
        for (int i = 0; i < 6; i++) {
            JsonNode r = post(agentUrl + "/v1/chat/completions", chat("cloud", "Question " + i, 6), null);
            assertThat(r.at("/route/route").asText()).isEqualTo("LOCAL");
            assertThat(r.at("/route/reasons").toString()).containsAnyOf("cloud_unreachable", "breaker_open");
        }
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(agentUrl + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"cloud\"[^}]*state=\"open\"[^}]*\\} 1\\.0");
    }

    @Test
    @Order(4)
    void withTheGatewayBackCloudRoutesResume() throws Exception {
        gateway = AppProcess.start(ROOT.resolve("cloud-gateway/target/quarkus-app/quarkus-run.jar"), gatewayArgs);
        gateway.awaitHttpOk(gatewayUrl + "/q/health/ready", Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String route = "";
        while (System.nanoTime() < deadline && !route.equals("OFFLOAD")) {
            // after the breaker's open period a trial call goes through and, succeeding, closes it
            route = post(agentUrl + "/v1/chat/completions", chat("cloud", "Are you back?", 4), null).at("/route/route").asText();
            Thread.sleep(500);
        }
        assertThat(route).isEqualTo("OFFLOAD");
    }
}
