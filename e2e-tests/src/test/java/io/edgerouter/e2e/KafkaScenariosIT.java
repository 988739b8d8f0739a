package io.edgerouter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.testsupport.AppProcess;
import io.edgerouter.testsupport.KafkaTopics;
import io.edgerouter.testsupport.PolicyTestKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged agent against a standalone broker process (bench/kafka-broker): a fleet policy published on Kafka
 * (signed with the test-only key the agent trusts) flips the next decision within 2 s; an invalid or an unsigned one
 * lands in the DLQ and changes nothing; with the broker stopped, telemetry is buffered and, once it is back, every
 * buffered record arrives exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaScenariosIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLEET = "e2e-fleet";
    private static final String ASK = "{\"messages\":[{\"role\":\"user\",\"content\":\"Explain how a heat pump works\"}]}";

    private static int kafkaPort;
    private static int controllerPort;
    private static Path kafkaData;
    private static Process broker;
    private static Path brokerLog;
    private static AppProcess agent;
    private static String base;
    private static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        kafkaPort = AppProcess.freePort();
        controllerPort = AppProcess.freePort();
        kafkaData = Files.createTempDirectory("e2e-kafka");
        bootstrap = "127.0.0.1:" + kafkaPort;
        startBroker();
        // The policies topic exists before the agent starts, as it does in a deployment (Strimzi KafkaTopic).
        PolicyTestKeys.publishSigned(bootstrap, "edge.routing.policies", FLEET, policy(1, "0.62", "0.45"));
        int port = AppProcess.freePort();
        base = "http://127.0.0.1:" + port;
        Path data = Files.createTempDirectory("e2e-kafka-agent");
        agent = AppProcess.start(ROOT.resolve("edge-agent/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + port, "-Dedge.data-dir=" + data, "-Dedge.fleet=" + FLEET,
                "-Dedge.kafka.enabled=true", "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dedge.kafka.telemetry-buffer-dir=" + data.resolve("telemetry"),
                // the agent trusts the test-only key the policies here are signed with, as it would the gateway's
                "-Dedge.policy.public-keys." + PolicyTestKeys.PRIMARY.id() + "=" + PolicyTestKeys.PRIMARY.publicKeyBase64(),
                // a cloud that is configured (so routing may choose it) but never called by the dry runs here
                "-Dedge.cloud.url=http://127.0.0.1:" + AppProcess.freePort()));
        agent.awaitHttpOk(base + "/q/health/live", Duration.ofSeconds(120));
        awaitSignedSeedPolicy();
    }

    /**
     * Waits until the agent applied the signed seed policy from Kafka, so that the flips below measure how fast a
     * policy reaches a running agent, not how long its consumer takes to join the group.
     */
    private static void awaitSignedSeedPolicy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (JSON.readTree(r.body()).findValuesAsText("policy_source").contains("kafka")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent never applied the signed seed policy from Kafka");
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        stopBroker();
    }

    private static void startBroker() throws Exception {
        brokerLog = Files.createTempFile("e2e-broker-", ".log");
        broker = new ProcessBuilder(ROOT.resolve("bench/kafka-broker").toString(), "--port", Integer.toString(kafkaPort),
                "--controller-port", Integer.toString(controllerPort), "--data-dir", kafkaData.toString())
                .redirectErrorStream(true).redirectOutput(brokerLog.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(brokerLog, StandardCharsets.UTF_8).contains("READY bootstrap=")) {
            assertThat(broker.isAlive()).as(Files.readString(brokerLog)).isTrue();
            assertThat(System.nanoTime()).as("broker ready").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
            ProcessHandle.of(broker.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
            broker = null;
        }
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String policy(long version, String offload, String verify) {
        return "{\"version\":" + version + ",\"fleet\":\"" + FLEET + "\",\"routing\":{\"thresholds\":{\"offload\":" + offload
                + ",\"verify\":" + verify + "}}}";
    }

    /** Publishes a policy and returns how long until /v1/route shows {@code route} under {@code version}. */
    private static long flip(long version, String offload, String verify, String route) throws Exception {
        PolicyTestKeys.publishSigned(bootstrap, "edge.routing.policies", FLEET, policy(version, offload, verify));
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos()) {
            JsonNode d = post("/v1/route", ASK);
            if (d.get("policy_version").asLong() == version && d.get("route").asText().equals(route)) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("policy " + version + " never produced route " + route);
    }

    @Test
    @Order(1)
    void aPolicyOnKafkaFlipsTheNextDecisionWithinTwoSeconds() throws Exception {
        long toOffload = flip(2, "0.0", "0.0", "OFFLOAD");
        long toLocal = flip(3, "1.0", "1.0", "LOCAL");
        System.out.printf("policy applied after %d ms and %d ms%n", toOffload, toLocal);
        assertThat(toOffload).isLessThan(2000);
        assertThat(toLocal).isLessThan(2000);
    }

    @Test
    @Order(2)
    void anInvalidOrUnsignedPolicyGoesToTheDlqAndChangesNothing() throws Exception {
        String invalid = policy(4, "1.7", "0.2");
        String unsigned = policy(5, "0.0", "0.0");
        PolicyTestKeys.publishSigned(bootstrap, "edge.routing.policies", FLEET, invalid);
        KafkaTopics.write(bootstrap, "edge.routing.policies", FLEET, unsigned);

        assertThat(deadLetterReason(invalid)).contains("routing.thresholds.offload");
        assertThat(deadLetterReason(unsigned)).contains("unsigned policy");
        JsonNode d = post("/v1/route", ASK);
        assertThat(d.get("policy_version").asLong()).isEqualTo(3);
        assertThat(d.get("route").asText()).isEqualTo("LOCAL");
    }

    /** Waits for the dead-lettered copy of {@code value} and returns its reason. */
    private static String deadLetterReason(String value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : KafkaTopics.readRecords(bootstrap, "edge.routing.policies.dlq",
                    Integer.MAX_VALUE, Duration.ofSeconds(2))) {
                if (value.equals(r.value())) {
                    return new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no dead-lettered record " + value);
    }

    @Test
    @Order(3)
    void telemetryBufferedWhileKafkaIsDownArrivesExactlyOnceWhenItIsBack() throws Exception {
        String local = "{\"model\":\"local\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"note %d\"}]}";
        post("/v1/chat/completions", local.formatted(0));
        long before = awaitStableCount(1);
        stopBroker();
        for (int i = 1; i <= 5; i++) {
            post("/v1/chat/completions", local.formatted(i));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!metrics().contains("edge_telemetry_buffered 5.0") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(metrics()).contains("edge_telemetry_buffered 5.0");
        startBroker();
        assertThat(awaitStableCount(before + 5)).isEqualTo(before + 5);
    }

    @Test
    @Order(4)
    void aMultiPartRequestIsSplitAndItsSubtasksTakeDifferentRoutes() throws Exception {
        String twoParts = JSON.createObjectNode().set("messages", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("role", "user").put("content", "1. Translate 'thank you' into Spanish.\n"
                        + "2. Prove that the square root of 2 is irrational and explain each step of the proof."))).toString();
        JsonNode before = post("/v1/route", twoParts);
        assertThat(before.get("subtasks")).hasSize(2);
        double first = before.at("/subtasks/0/score").asDouble();
        double second = before.at("/subtasks/1/score").asDouble();
        assertThat(first).as("the two subtasks score differently").isNotEqualTo(second);
        String mid = String.format(java.util.Locale.ROOT, "%.6f", (first + second) / 2);
        PolicyTestKeys.publishSigned(bootstrap, "edge.routing.policies", FLEET, policy(10, mid, mid));
        JsonNode split = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            split = post("/v1/route", twoParts);
            if (split.get("policy_version").asLong() == 10) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(split.get("policy_version").asLong()).isEqualTo(10);
        String higher = first > second ? "/subtasks/0/route" : "/subtasks/1/route";
        String lower = first > second ? "/subtasks/1/route" : "/subtasks/0/route";
        assertThat(split.at(higher).asText()).as(split.toString()).isEqualTo("OFFLOAD");
        assertThat(split.at(lower).asText()).isEqualTo("LOCAL");
        assertThat(split.at("/subtasks/0/text").asText()).startsWith("Translate");
        assertThat(split.at("/subtasks/1/text").asText()).startsWith("Prove");

        // Answered for real: the cloud here is unreachable, so the OFFLOAD part falls back to the device and says
        // so; the parts are answered and composed in order.
        JsonNode answer = post("/v1/chat/completions", twoParts.replace("{\"messages\"", "{\"max_tokens\":16,\"messages\""));
        assertThat(answer.at("/route/subtasks")).hasSize(2);
        assertThat(answer.at("/route/subtasks/0/text").asText()).startsWith("Translate");
        assertThat(answer.at("/route/subtasks/1/text").asText()).startsWith("Prove");
        assertThat(answer.at("/route/reasons").toString()).contains("cloud_unreachable");
        assertThat(answer.at("/choices/0/message/content").asText()).contains("\n\n");
    }

    private static String metrics() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Reads the decisions topic until it holds at least {@code atLeast} records and no more arrive for 3 s. */
    private static long awaitStableCount(long atLeast) {
        List<ConsumerRecord<String, String>> r = KafkaTopics.readRecords(bootstrap, "edge.routing.decisions", (int) atLeast, Duration.ofSeconds(90));
        assertThat((long) r.size()).as("decision records").isGreaterThanOrEqualTo(atLeast);
        long seen = r.size();
        long settled = KafkaTopics.readRecords(bootstrap, "edge.routing.decisions", (int) seen + 1, Duration.ofSeconds(3)).size();
        return settled;
    }
}
