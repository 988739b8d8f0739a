package io.edgerouter.e2e;

import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.AppProcess;
import io.edgerouter.testsupport.PolicyTestKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A standalone broker (bench/kafka-broker) and gateway replicas, processes from the built jar, that form one learning
 * application ({@code gateway.learning.application-id}), each with its own state directory; an operator key for the
 * admin API. Loopback only; every wait is bounded. Closing stops the gateways, then the broker.
 */
final class LearningReplicas implements AutoCloseable {

    /** The gateway's own settings for a replica, beyond what every replica gets here. */
    record Settings(int replicas, int decisionPartitions, String applicationId, List<String> fleets, List<String> gatewayArgs) {
    }

    static final String ADMIN_KEY = "it-learning-operator-key";
    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String applicationId;
    private final String bootstrap;
    private final Process broker;
    private final Path brokerLog;
    private final List<AppProcess> gateways = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private LearningReplicas(String applicationId, String bootstrap, Process broker, Path brokerLog) {
        this.applicationId = applicationId;
        this.bootstrap = bootstrap;
        this.broker = broker;
        this.brokerLog = brokerLog;
    }

    /**
     * Starts the broker, pre-creates the decisions topic with {@code decisionPartitions} partitions (as a deployment
     * declares it; the gateway creates only what is missing), starts the replicas and waits until each one's Streams
     * application is running.
     */
    static LearningReplicas start(Settings settings) throws Exception {
        int port = AppProcess.freePort();
        String bootstrap = "127.0.0.1:" + port;
        Path brokerLog = Files.createTempFile("it-learning-broker-", ".log");
        Process broker = new ProcessBuilder(ROOT.resolve("bench/kafka-broker").toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(AppProcess.freePort()),
                "--data-dir", Files.createTempDirectory("it-learning-kafka").toString())
                .redirectErrorStream(true).redirectOutput(brokerLog.toFile()).start();
        LearningReplicas cluster = new LearningReplicas(settings.applicationId(), bootstrap, broker, brokerLog);
        try {
            cluster.awaitBroker(Duration.ofSeconds(120));
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(Topics.DECISIONS, settings.decisionPartitions(), (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            Path data = Files.createTempDirectory("it-learning");
            for (int i = 0; i < settings.replicas(); i++) {
                cluster.startGateway(settings, data, i);
            }
            for (int i = 0; i < settings.replicas(); i++) {
                cluster.gateways.get(i).awaitHttpOk(cluster.url(i, "/q/health/live"), Duration.ofSeconds(180));
            }
            for (int i = 0; i < settings.replicas(); i++) {
                cluster.awaitStreamsRunning(i, Duration.ofSeconds(90));
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private void startGateway(Settings settings, Path data, int replica) {
        int port = AppProcess.freePort();
        ports.add(port);
        List<String> args = new ArrayList<>(List.of(
                "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dgateway.data-dir=" + data.resolve("gateway-" + replica),
                "-Dgateway.agents.operator.key=" + ADMIN_KEY, "-Dgateway.agents.operator.admin=true",
                "-Dgateway.fleets=" + String.join(",", settings.fleets()),
                "-Dgateway.kafka.enabled=true", "-Dkafka.bootstrap.servers=" + bootstrap,
                // the TEST-ONLY key of PolicyTestKeys.PRIMARY, as in cloud-gateway's test configuration
                "-Dgateway.policy.signing-key-file=" + ROOT.resolve("cloud-gateway/src/test/resources/policy-signing-test-key.pem"),
                "-Dgateway.policy.signing-key-id=" + PolicyTestKeys.PRIMARY.id(),
                "-Dgateway.learning.application-id=" + applicationId,
                "-Dgateway.learning.state-dir=" + data.resolve("streams-state-" + replica),
                "-Dquarkus.log.category.\"org.apache.kafka.clients\".level=WARN",
                "-Dquarkus.log.category.\"org.apache.kafka.common\".level=WARN"));
        args.addAll(settings.gatewayArgs());
        gateways.add(AppProcess.start(ROOT.resolve("cloud-gateway/target/quarkus-app/quarkus-run.jar"), args));
    }

    private void awaitBroker(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.readString(brokerLog, StandardCharsets.UTF_8).contains("READY bootstrap=")) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("broker not ready within " + limit + ":\n" + Files.readString(brokerLog));
            }
            Thread.sleep(200);
        }
    }

    /** Streams is RUNNING once the stats of a fleet nobody reported for are 404, not 503 {@code stats_unavailable}. */
    private void awaitStreamsRunning(int replica, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> r;
        while ((r = get(replica, "/v1/fleet/no-such-fleet/stats")).statusCode() != 404) {
            if (System.nanoTime() > deadline || !gateways.get(replica).isAlive()) {
                throw new IllegalStateException("gateway " + replica + " stats still " + r.statusCode() + " " + r.body()
                        + " after " + limit + "; output:\n" + tail(gateways.get(replica).output()));
            }
            Thread.sleep(300);
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    /** {@code GET path} on a replica with the operator key. */
    HttpResponse<String> get(int replica, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(replica, path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code PUT /v1/policies/{fleet}} on a replica with the operator key; retried while it is 503 (producer connecting). */
    HttpResponse<String> putPolicy(int replica, String fleet, String policy) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(replica, "/v1/policies/" + fleet)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(policy)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    String url(int replica, String path) {
        return "http://127.0.0.1:" + ports.get(replica) + path;
    }

    /**
     * SIGKILLs a replica's JVM (no shutdown hook, no LeaveGroup, its open transaction left behind) and waits until it is
     * gone; returns its pid. AppProcess does not hand out its Process: the JVM is found among this JVM's children by
     * its HTTP port.
     */
    long kill(int replica) throws Exception {
        String flag = "-Dquarkus.http.port=" + ports.get(replica);
        ProcessHandle jvm = ProcessHandle.current().children()
                .filter(h -> h.info().arguments().map(a -> Arrays.asList(a).contains(flag)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no child JVM with " + flag));
        jvm.destroyForcibly();
        jvm.onExit().get(30, TimeUnit.SECONDS);
        return jvm.pid();
    }

    /**
     * Partitions of {@code topic} each member of the Streams group holds, once the group is stable; empty list when it
     * is not.
     */
    List<Long> partitionsPerMember(String topic) throws Exception {
        try (Admin admin = admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all()
                    .get(10, TimeUnit.SECONDS).get(applicationId);
            if (group.groupState() != GroupState.STABLE) {
                return List.of();
            }
            return group.members().stream().map(m -> m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic)).count()).toList();
        }
    }

    /** Everything committed on {@code topic} up to its last stable offset, in offset order per partition. */
    List<ConsumerRecord<String, String>> readCommitted(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end + " within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The last lines of every replica's output and of the broker's, for a failure report. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < gateways.size(); i++) {
            sb.append(String.format("===== gateway %d (port %d), last lines =====%n%s%n", i, ports.get(i), tail(gateways.get(i).output())));
        }
        try {
            sb.append(String.format("===== broker =====%n%s%n", tail(Files.readString(brokerLog, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            sb.append("broker log unreadable: ").append(e).append('\n');
        }
        return sb.toString();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return Arrays.stream(lines, Math.max(0, lines.length - 250), lines.length).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        gateways.forEach(AppProcess::close);
        broker.destroy();
        try {
            if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        } catch (InterruptedException e) {
            broker.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // the script's java child, should the script have gone without it
        ProcessHandle.of(broker.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
    }
}
