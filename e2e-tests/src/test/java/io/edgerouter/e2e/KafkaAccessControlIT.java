package io.edgerouter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgerouter.testsupport.AppProcess;
import io.edgerouter.testsupport.PolicyTestKeys;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The manifests' Kafka access control, enforced by a real broker: bench/kafka-broker with a SCRAM-SHA-512 listener and
 * ACLs on, the KafkaUsers' ACLs read from {@code k8s/base/kafka/users.yaml} and created as the Strimzi User Operator
 * would, the topics created as Strimzi's KafkaTopics would. The packaged gateway and agent connect as their users, with
 * the SASL settings in environment variables as the manifests pass them ({@code KAFKA_SASL_JAAS_CONFIG}, ...):
 * <ul>
 *   <li>an operator's policy goes gateway → Kafka → agent;</li>
 *   <li>the agent's telemetry reaches the gateway's learning loop (Kafka Streams, exactly-once, as the gateway user:
 *       its internal topics, group and transactional ids), whose statistics count every decision;</li>
 *   <li>with the agent's credentials, publishing a policy or reading the fleet's decisions is refused by the broker,
 *       and a user without ACLs can write no telemetry at all.</li>
 * </ul>
 */
class KafkaAccessControlIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String FLEET = "acl-fleet";
    private static final String ADMIN_KEY = "acl-admin-key";
    private static final String AGENT_KEY = "acl-agent-key";
    private static final Map<String, String> PASSWORDS = Map.of("edge-agent", "agent-secret", "cloud-gateway", "gateway-secret",
            "intruder", "intruder-secret");

    private static Process broker;
    private static Path brokerLog;
    private static String operatorBootstrap;
    private static String saslBootstrap;
    private static AppProcess gateway;
    private static AppProcess agent;
    private static String gatewayUrl;
    private static String agentUrl;

    @BeforeAll
    static void start() throws Exception {
        int port = AppProcess.freePort();
        int saslPort = AppProcess.freePort();
        operatorBootstrap = "127.0.0.1:" + port;
        saslBootstrap = "127.0.0.1:" + saslPort;
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bench/kafka-broker").toString(), "--port",
                Integer.toString(port), "--controller-port", Integer.toString(AppProcess.freePort()),
                "--sasl-port", Integer.toString(saslPort)));
        PASSWORDS.forEach((user, password) -> command.addAll(List.of("--scram-user", user + "=" + password)));
        brokerLog = Files.createTempFile("e2e-acl-broker-", ".log");
        broker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(brokerLog.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(brokerLog, StandardCharsets.UTF_8).contains("READY bootstrap=")) {
            assertThat(broker.isAlive()).as(Files.readString(brokerLog)).isTrue();
            assertThat(System.nanoTime()).as("broker ready").isLessThan(deadline);
            Thread.sleep(200);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, operatorBootstrap))) {
            Map<String, String> compact = Map.of("cleanup.policy", "compact");
            admin.createTopics(List.of(
                    new NewTopic("edge.routing.decisions", 3, (short) 1),
                    new NewTopic("edge.routing.ratings", 3, (short) 1),
                    new NewTopic("edge.routing.policies", 1, (short) 1).configs(compact),
                    new NewTopic("edge.routing.policies.dlq", 1, (short) 1),
                    new NewTopic("edge.routing.fleet-stats", 3, (short) 1).configs(compact),
                    new NewTopic("edge.routing.telemetry.dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            List<AclBinding> acls = aclsOfTheManifests();
            assertThat(acls).as("ACLs in k8s/base/kafka/users.yaml").isNotEmpty();
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }

        Path data = Files.createTempDirectory("e2e-acl");
        int gatewayPort = AppProcess.freePort();
        gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        gateway = AppProcess.start(ROOT.resolve("cloud-gateway/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + gatewayPort, "-Dquarkus.http.host=127.0.0.1",
                "-Dgateway.data-dir=" + data.resolve("gateway"),
                "-Dgateway.learning.state-dir=" + data.resolve("gateway-learning"),
                "-Dgateway.kafka.enabled=true", "-Dgateway.fleets=" + FLEET,
                "-Dgateway.agents.ops.key=" + ADMIN_KEY, "-Dgateway.agents.ops.admin=true",
                "-Dgateway.agents.edge.key=" + AGENT_KEY, "-Dgateway.agents.edge.fleets=" + FLEET,
                "-Dgateway.policy.signing-key-file=" + ROOT.resolve("cloud-gateway/src/test/resources/policy-signing-test-key.pem"),
                "-Dgateway.policy.signing-key-id=" + PolicyTestKeys.PRIMARY.id()),
                saslEnvironment("cloud-gateway"));
        int agentPort = AppProcess.freePort();
        agentUrl = "http://127.0.0.1:" + agentPort;
        agent = AppProcess.start(ROOT.resolve("edge-agent/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + agentPort, "-Dedge.data-dir=" + data.resolve("agent"), "-Dedge.fleet=" + FLEET,
                "-Dedge.kafka.enabled=true", "-Dedge.kafka.telemetry-buffer-dir=" + data.resolve("telemetry"),
                "-Dedge.policy.public-keys." + PolicyTestKeys.PRIMARY.id() + "=" + PolicyTestKeys.PRIMARY.publicKeyBase64(),
                "-Dedge.cloud.url=" + gatewayUrl, "-Dedge.cloud.api-key=" + AGENT_KEY),
                saslEnvironment("edge-agent"));
        gateway.awaitHttpOk(gatewayUrl + "/q/health/ready", Duration.ofSeconds(120));
        agent.awaitHttpOk(agentUrl + "/q/health/live", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AppProcess app : new AppProcess[] {agent, gateway}) {
            if (app != null) {
                app.close();
            }
        }
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
            ProcessHandle.of(broker.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void policiesReachTheAgentAndTelemetryTheLearningLoopEachAsItsOwnUser() throws Exception {
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/policies/" + FLEET))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"version": 5, "fleet": "%s", "routing": {"thresholds": {"offload": 1.0, "verify": 1.0}}}"""
                        .formatted(FLEET))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        awaitTrue("the agent applies the operator's policy v5 from Kafka", Duration.ofSeconds(60), () ->
                JSON.readTree(post(agentUrl + "/v1/route", ask("hello")).body()).path("policy_version").asLong() == 5);

        int answers = 6;
        for (int i = 0; i < answers; i++) {
            HttpResponse<String> r = post(agentUrl + "/v1/chat/completions",
                    "{\"model\":\"local\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"note " + i + "\"}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        awaitTrue("the learning loop counts the agent's " + answers + " decisions", Duration.ofSeconds(90), () -> {
            HttpResponse<String> stats = send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/fleet/" + FLEET + "/stats"))
                    .header("Authorization", "Bearer " + ADMIN_KEY).GET());
            return stats.statusCode() == 200 && JSON.readTree(stats.body()).at("/total/decisions").asLong() == answers
                    && JSON.readTree(stats.body()).at("/policy_version").asLong() == 5;
        });
    }

    @Test
    void theAgentsUserCanNeitherPublishAPolicyNorReadTheFleetsTelemetry() {
        try (KafkaProducer<String, String> producer = producer("edge-agent")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("edge.routing.policies", FLEET,
                    "{\"version\":99,\"fleet\":\"" + FLEET + "\"}")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer("edge-agent", "edge-agent-snoop")) {
            consumer.subscribe(List.of("edge.routing.decisions"));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(AuthorizationException.class);
        }
        try (KafkaProducer<String, String> producer = producer("intruder")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("edge.routing.decisions", FLEET, "{}"))
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AuthorizationException.class);
        }
    }

    /** The KafkaUsers' ACLs in the manifests, as the Strimzi User Operator creates them for SCRAM users. */
    private static List<AclBinding> aclsOfTheManifests() throws Exception {
        List<AclBinding> out = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class)
                .readValues(ROOT.resolve("k8s/base/kafka/users.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode user = docs.next();
                if (!"KafkaUser".equals(user.path("kind").asText())) {
                    continue;
                }
                String principal = "User:" + user.at("/metadata/name").asText();
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    JsonNode resource = acl.get("resource");
                    ResourceType type = switch (resource.get("type").asText()) {
                        case "topic" -> ResourceType.TOPIC;
                        case "group" -> ResourceType.GROUP;
                        case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
                        case "cluster" -> ResourceType.CLUSTER;
                        default -> throw new AssertionError("unknown ACL resource type in users.yaml: " + resource);
                    };
                    String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.get("name").asText();
                    PatternType pattern = "prefix".equals(resource.path("patternType").asText("literal"))
                            ? PatternType.PREFIXED : PatternType.LITERAL;
                    AclPermissionType permission = "deny".equalsIgnoreCase(acl.path("type").asText("allow"))
                            ? AclPermissionType.DENY : AclPermissionType.ALLOW;
                    for (JsonNode operation : acl.get("operations")) {
                        AclOperation op = AclOperation.fromString(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2")
                                .toUpperCase(Locale.ROOT));
                        assertThat(op).as("operation " + operation).isNotEqualTo(AclOperation.UNKNOWN);
                        out.add(new AclBinding(new ResourcePattern(type, name, pattern),
                                new AccessControlEntry(principal, acl.path("host").asText("*"), op, permission)));
                    }
                }
            }
        }
        return out;
    }

    /** The SASL settings a deployment gives a workload, as environment variables. */
    private static Map<String, String> saslEnvironment(String user) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", saslBootstrap, "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_JAAS_CONFIG", jaas(user));
    }

    private static String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + PASSWORDS.get(user) + "\";";
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslBootstrap);
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        c.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        c.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user));
        return c;
    }

    private static KafkaProducer<String, String> producer(String user) {
        Map<String, Object> c = client(user);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        return new KafkaProducer<>(c, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> c = client(user);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    private static String ask(String content) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not within " + limit + "\n--- gateway ---\n" + tail(gateway) + "\n--- agent ---\n" + tail(agent));
    }

    private static String tail(AppProcess app) {
        String out = Optional.ofNullable(app).map(AppProcess::output).orElse("");
        return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
    }
}
