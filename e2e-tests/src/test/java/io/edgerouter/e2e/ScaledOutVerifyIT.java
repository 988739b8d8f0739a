package io.edgerouter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VERIFY against two gateway replicas behind a load balancer the test runs, as processes from the built jars. Round
 * robin (no affinity at all): every other round lands on the replica without the session, which answers
 * {@code session_not_found}, and the agent resends the context there; the answer stays complete and equal to the
 * gateways' own greedy answer. Hashing on the {@code x-edge-verify-session} header (what the ingress does): every
 * round of a session reaches one replica, and no context is resent.
 */
class ScaledOutVerifyIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final String KEY = "e2e-agent-key";
    private static final String SESSION_HEADER = "x-edge-verify-session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "te", "trailer", "expect");

    private static final List<AppProcess> gateways = new ArrayList<>();
    private static final List<String> gatewayUrls = new ArrayList<>();
    private static AppProcess agent;
    private static String agentUrl;
    private static HttpServer balancer;
    private static volatile boolean hashBySession;
    private static final AtomicInteger next = new AtomicInteger();
    /** Per verify call: the replica it went to, the session header and the body's session id. */
    private static final List<String[]> verifyCalls = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("e2e-scaled");
        for (int i = 0; i < 2; i++) {
            int port = AppProcess.freePort();
            gatewayUrls.add("http://127.0.0.1:" + port);
            gateways.add(AppProcess.start(ROOT.resolve("cloud-gateway/target/quarkus-app/quarkus-run.jar"), List.of(
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-Dgateway.agents.edge-1.key=" + KEY,
                    "-Dgateway.data-dir=" + data.resolve("gateway-" + i))));
        }
        balancer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        balancer.createContext("/", ScaledOutVerifyIT::forward);
        balancer.setExecutor(Executors.newFixedThreadPool(8));
        balancer.start();
        int agentPort = AppProcess.freePort();
        agentUrl = "http://127.0.0.1:" + agentPort;
        agent = AppProcess.start(ROOT.resolve("edge-agent/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + agentPort, "-Dedge.data-dir=" + data.resolve("agent"),
                "-Dedge.cloud.url=http://127.0.0.1:" + balancer.getAddress().getPort(), "-Dedge.cloud.api-key=" + KEY));
        for (int i = 0; i < 2; i++) {
            gateways.get(i).awaitHttpOk(gatewayUrls.get(i) + "/q/health/ready", Duration.ofSeconds(120));
        }
        agent.awaitHttpOk(agentUrl + "/q/health/ready", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        gateways.forEach(AppProcess::close);
        if (balancer != null) {
            balancer.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        verifyCalls.clear();
    }

    /** Forwards one request to a replica: the next in turn, or by the session header's hash. */
    private static void forward(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String session = ex.getRequestHeaders().getFirst(SESSION_HEADER);
            int replica = hashBySession && session != null ? Math.floorMod(session.hashCode(), 2)
                    : Math.floorMod(next.getAndIncrement(), 2);
            if (ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().equals("/v1/verify")) {
                JsonNode sent = JSON.readTree(body);
                verifyCalls.add(new String[] {String.valueOf(replica), session, sent.path("session_id").asText(null),
                        sent.has("context_ids") ? "whole" : "append", ""});
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatewayUrls.get(replica) + ex.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (ex.getRequestURI().getPath().equals("/v1/verify") && !verifyCalls.isEmpty()) {
                synchronized (verifyCalls) {
                    for (String[] c : verifyCalls) {
                        if (c[4].isEmpty() && java.util.Objects.equals(c[1], session)) {
                            c[4] = String.valueOf(r.statusCode());
                            break;
                        }
                    }
                }
            }
            r.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            ex.getResponseBody().write(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
        }
    }

    private static String describe() {
        StringBuilder sb = new StringBuilder();
        synchronized (verifyCalls) {
            verifyCalls.forEach(c -> sb.append(String.join("|", String.valueOf(c[0]), String.valueOf(c[1]), String.valueOf(c[2]),
                    String.valueOf(c[3]), String.valueOf(c[4]))).append("; "));
        }
        return sb.toString();
    }

    private static final String PROMPT = "Rewrite: the quick brown fox jumps over the lazy dog";

    @Test
    void roundRobinWithoutAffinityStillGivesTheWholeGreedyAnswer() throws Exception {
        hashBySession = false;
        JsonNode viaAgent = AgentAndGatewayIT.post(agentUrl + "/v1/chat/completions", AgentAndGatewayIT.chat("verify", PROMPT, 32), null);
        String greedy = AgentAndGatewayIT.post(gatewayUrls.get(0) + "/v1/chat/completions", AgentAndGatewayIT.chat("default", PROMPT, 32), KEY)
                .at("/choices/0/message/content").asText();
        String greedy2 = AgentAndGatewayIT.post(gatewayUrls.get(1) + "/v1/chat/completions", AgentAndGatewayIT.chat("default", PROMPT, 32), KEY)
                .at("/choices/0/message/content").asText();

        assertThat(greedy2).as("both replicas run the same model").isEqualTo(greedy);
        assertThat(viaAgent.at("/route/route").asText()).as(viaAgent.toString()).isEqualTo("VERIFY");
        assertThat(viaAgent.at("/route/reasons").toString()).as(describe()).doesNotContain("verify:finished_locally");
        assertThat(viaAgent.at("/choices/0/message/content").asText()).isEqualTo(greedy);
        assertThat(verifyCalls).as("rounds of a multi-round answer").hasSizeGreaterThan(3);
        assertThat(verifyCalls.stream().map(c -> c[0]).distinct()).as("replicas the rounds reached").hasSize(2);
        assertThat(verifyCalls).allSatisfy(c -> assertThat(c[1]).as("session header").isNotNull().isEqualTo(c[2]));
    }

    @Test
    void hashingOnTheSessionHeaderKeepsEveryRoundOnOneReplica() throws Exception {
        hashBySession = true;
        JsonNode viaAgent = AgentAndGatewayIT.post(agentUrl + "/v1/chat/completions", AgentAndGatewayIT.chat("verify", PROMPT, 32), null);
        String greedy = AgentAndGatewayIT.post(gatewayUrls.get(0) + "/v1/chat/completions", AgentAndGatewayIT.chat("default", PROMPT, 32), KEY)
                .at("/choices/0/message/content").asText();

        assertThat(viaAgent.at("/choices/0/message/content").asText()).isEqualTo(greedy);
        assertThat(verifyCalls).hasSizeGreaterThan(3);
        assertThat(verifyCalls.stream().map(c -> c[0]).distinct()).as("replicas the rounds reached: " + describe()).hasSize(1);
        assertThat(verifyCalls.stream().map(c -> c[1]).distinct()).as("one session").hasSize(1);
    }
}
