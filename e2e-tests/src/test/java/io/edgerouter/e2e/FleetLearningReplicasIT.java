package io.edgerouter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.signing.PolicyVerifier;
import io.edgerouter.testsupport.PolicyTestKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fleet learning on Kafka Streams (issue #20, /work/wt/STREAMS-CONTRACT.md) across three gateway replicas, as processes
 * from the built jar, in one Streams application on a standalone broker (bench/kafka-broker): every distinct decision
 * (agent, request, subtask) is counted exactly once however often it is delivered, every replica answers
 * {@code GET /v1/fleet/{fleet}/stats} with the same JSON, each recalibration publishes exactly one policy version,
 * malformed telemetry lands in the DLQ once; and after one replica is SIGKILLed mid-stream the two survivors still count
 * each decision exactly once, publish no version twice and dead-letter each malformed record once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetLearningReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names this run's Streams application and records, so that nothing of an earlier run is mistaken for its own. */
    private static final String RUN = Long.toHexString(new Random().nextLong() & 0xffff_ffffL);
    /** Partitions of the decisions topic, and so of the repartition topic the learn tasks read: 6 tasks over 3 replicas. */
    private static final int PARTITIONS = 6;
    private static final int MIN_DECISIONS = 50;
    private static final int SCORE_WINDOW = 100;
    private static final int REPLICAS = 3;
    /** The replica test 2 kills; replica 0 takes the operator's PUTs. */
    private static final int VICTIM = 1;
    private static final List<String> COUNTED_FLEETS = List.of("learn-a", "learn-b", "learn-c");
    /** One fleet per learn task (partition of the fleet-keyed repartition topic), so every replica owns some fleet. */
    private static final List<String> KILL_FLEETS = fleetPerPartition("kill-");
    private static final String APPLICATION_ID = "it-learning-" + RUN;
    /** The topic the learn tasks read, one task per partition (contract: {@code <app-id>-fleet-events-repartition}). */
    private static final String FLEET_EVENTS = APPLICATION_ID + "-fleet-events-repartition";

    private static LearningReplicas cluster;

    @RegisterExtension
    static final TestWatcher DUMP_LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                System.out.println(cluster.logs());
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        List<String> fleets = Stream.concat(COUNTED_FLEETS.stream(), KILL_FLEETS.stream()).toList();
        cluster = LearningReplicas.start(new LearningReplicas.Settings(REPLICAS, PARTITIONS, APPLICATION_ID, fleets, List.of(
                "-Dgateway.learning.min-decisions=" + MIN_DECISIONS,
                "-Dgateway.learning.score-window=" + SCORE_WINDOW,
                // a SIGKILLed replica's tasks move after 6 s instead of the default 45 s
                "-Dkafka-streams.session.timeout.ms=6000", "-Dkafka-streams.heartbeat.interval.ms=1000")));
        for (String fleet : fleets) {
            // the operator's first policy: thresholds far from the traffic's quantiles, a target share the loop aims at
            String policy = "{\"version\":1,\"fleet\":\"" + fleet + "\",\"routing\":{\"thresholds\":{\"offload\":0.9,"
                    + "\"verify\":0.8},\"target\":{\"offload_share\":0.2,\"verify_share\":0.2}}}";
            HttpResponse<String> r = cluster.putPolicy(0, fleet, policy);
            assertThat(r.statusCode()).as("PUT policy " + fleet + ": " + r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void eachDecisionIsCountedOnceEveryReplicaAnswersTheSameAndEachRecalibrationIsOneVersion() throws Exception {
        FleetTraffic traffic = new FleetTraffic(20_261_207L, COUNTED_FLEETS, RUN + "-1");
        List<String> malformed = traffic.malformed();
        try (KafkaProducer<String, String> producer = producer()) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int request = 0; traffic.uniqueCount() < 600; request++) {
                for (ProducerRecord<String, String> r : traffic.nextRequest(traffic.uniqueCount() / 600.0)) {
                    acks.add(send(producer, r));
                }
                if (traffic.chance(0.1)) {
                    acks.add(send(producer, traffic.duplicate()));
                }
                // malformed records among the good ones: the loop must skip them and go on
                if (request % 60 == 30 && request / 60 < malformed.size()) {
                    acks.add(send(producer, new ProducerRecord<>(Topics.DECISIONS, "agent-bad-" + RUN, malformed.get(request / 60))));
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        System.out.printf("sent %d distinct decisions, %d duplicates, %d malformed records%n",
                traffic.uniqueCount(), traffic.duplicateCount(), malformed.size());

        Map<String, JsonNode> stats = awaitAgreement(List.of(0, 1, 2), traffic, Duration.ofSeconds(90));

        assertCounts(stats, traffic);
        assertOneVersionPerRecalibration(stats);
        assertDeadLetteredOnce(malformed);
    }

    @Test
    @Order(2)
    void afterAReplicaIsKilledMidStreamTheSurvivorsCountEachDecisionExactlyOnce() throws Exception {
        FleetTraffic traffic = new FleetTraffic(7_041_993L, KILL_FLEETS, RUN + "-2");
        int total = 3000;
        awaitEveryReplicaOwnsLearnTasks(Duration.ofSeconds(60));
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<String> malformed = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = streamDecisions(traffic, total, sent, malformed, failed);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sent.get() < total / 2 && !stream.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sent.get()).as("decisions sent before the kill").isBetween(total / 3, total - 1);
        long pid = cluster.kill(VICTIM);
        System.out.printf("SIGKILLed gateway %d (pid %d) after %d decisions%n", VICTIM, pid, sent.get());
        stream.get(90, TimeUnit.SECONDS);
        assertThat(failed.get()).as("a send failed").isNull();
        System.out.printf("sent %d distinct decisions, %d duplicates%n", traffic.uniqueCount(), traffic.duplicateCount());

        Map<String, JsonNode> stats = awaitAgreement(List.of(0, 2), traffic, Duration.ofSeconds(120));

        assertCounts(stats, traffic);
        assertOneVersionPerRecalibration(stats);
        // what the victim dead-lettered in a transaction it never committed is not visible; its successor's copy is
        assertDeadLetteredOnce(malformed);
    }

    /**
     * From a background thread: ~30 decisions every 100 ms ({@code total} over ~10 s for 3000), 5 % of them delivered
     * twice, and about once a second a malformed record on every partition, so that some reach the victim's intake
     * tasks just before it dies. {@code sent} follows the distinct decisions sent; a failed send ends the stream.
     */
    private static CompletableFuture<Void> streamDecisions(FleetTraffic traffic, int total, AtomicInteger sent,
                                                           List<String> malformed, AtomicReference<Throwable> failed) {
        Callback onFailure = (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        return CompletableFuture.runAsync(() -> {
            try (KafkaProducer<String, String> producer = producer()) {
                for (int round = 0; traffic.uniqueCount() < total && failed.get() == null; round++) {
                    if (round % 10 == 5) {
                        for (int partition = 0; partition < PARTITIONS; partition++) {
                            String bad = "not a decision (" + RUN + "-2 round " + round + " partition " + partition + ")";
                            malformed.add(bad);
                            producer.send(new ProducerRecord<>(Topics.DECISIONS, partition, "agent-bad-" + RUN, bad), onFailure);
                        }
                    }
                    int batchEnd = Math.min(traffic.uniqueCount() + 30, total);
                    while (traffic.uniqueCount() < batchEnd) {
                        for (ProducerRecord<String, String> r : traffic.nextRequest(traffic.uniqueCount() / (double) total)) {
                            producer.send(r, onFailure);
                        }
                        if (traffic.chance(0.05)) {
                            producer.send(traffic.duplicate(), onFailure);
                        }
                    }
                    sent.set(traffic.uniqueCount());
                    sleep(100);
                }
                producer.flush();
            }
        });
    }

    // --- what the replicas must agree on ---

    /**
     * Polls every fleet's stats on the given replicas until each answers 200, all with the same JSON, counting exactly
     * the distinct decisions sent, and still the same 3 s later; returns the agreed stats per fleet.
     */
    private static Map<String, JsonNode> awaitAgreement(List<Integer> replicas, FleetTraffic traffic, Duration limit)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        String lastSeen = "";
        Map<String, JsonNode> stable = Map.of();
        while (true) {
            Map<String, JsonNode> agreed = new TreeMap<>();
            StringBuilder seen = new StringBuilder();
            for (Map.Entry<String, FleetTraffic.Counts> fleet : traffic.totals().entrySet()) {
                List<JsonNode> answers = new ArrayList<>();
                for (int replica : replicas) {
                    HttpResponse<String> r = cluster.get(replica, "/v1/fleet/" + fleet.getKey() + "/stats");
                    answers.add(r.statusCode() == 200 ? JSON.readTree(r.body()) : null);
                    seen.append(String.format("%s@%d: %s; ", fleet.getKey(), replica, r.statusCode() == 200
                            ? "decisions=" + JSON.readTree(r.body()).at("/total/decisions").asLong()
                            + " recalibrations=" + JSON.readTree(r.body()).path("recalibrations").asLong()
                            : r.statusCode() + " " + r.body()));
                }
                JsonNode first = answers.get(0);
                if (first != null && answers.stream().allMatch(first::equals)
                        && first.at("/total/decisions").asLong() == fleet.getValue().decisions) {
                    agreed.put(fleet.getKey(), first);
                }
            }
            lastSeen = seen.toString();
            if (agreed.size() == traffic.totals().size()) {
                if (agreed.equals(stable)) {
                    System.out.printf("replicas %s agreed after %d ms%n", replicas, (System.nanoTime() - started) / 1_000_000);
                    return agreed;
                }
                // the right count could be a coincidence of records not yet taken in and others counted twice: it must
                // stay put for longer than a stats interval and a commit
                stable = agreed;
                Thread.sleep(3000);
                continue;
            }
            stable = Map.of();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("replicas " + replicas + " did not agree on " + traffic.totals() + " within " + limit
                        + "; last seen: " + lastSeen);
            }
            Thread.sleep(500);
        }
    }

    /** Routes and cloud tokens per fleet and per app are those sent, each distinct decision once; all were scored. */
    private static void assertCounts(Map<String, JsonNode> stats, FleetTraffic traffic) {
        stats.forEach((fleet, s) -> {
            FleetTraffic.Counts expected = traffic.totals().get(fleet);
            assertCounts(fleet, s.path("total"), expected);
            assertThat(s.at("/total/unscored").asLong()).as(fleet + " unscored").isZero();
            assertThat(s.path("score_window").asLong()).as(fleet + " score_window")
                    .isEqualTo(Math.min(expected.decisions, SCORE_WINDOW));
            traffic.apps().get(fleet).forEach((app, counts) -> assertCounts(fleet + "/" + app, s.path("apps").path(app), counts));
            assertThat(s.path("apps").size()).as(fleet + " apps: " + s.path("apps")).isEqualTo(traffic.apps().get(fleet).size());
        });
    }

    private static void assertCounts(String what, JsonNode actual, FleetTraffic.Counts expected) {
        assertThat(List.of(actual.path("decisions").asLong(), actual.path("local").asLong(), actual.path("verify").asLong(),
                actual.path("offload").asLong(), actual.path("cloud_tokens").asLong()))
                .as(what + " [decisions, local, verify, offload, cloud_tokens] in " + actual)
                .containsExactly(expected.decisions, expected.local, expected.verify, expected.offload, expected.cloudTokens);
    }

    /**
     * On the policies topic (committed records only) each fleet has the operator's version 1 followed by learned
     * versions 2, 3, ... with none skipped or published twice, as many as the stats count recalibrations, each signed
     * with the gateway's key; the stats name the last one.
     */
    private static void assertOneVersionPerRecalibration(Map<String, JsonNode> stats) throws Exception {
        List<ConsumerRecord<String, String>> policies = cluster.readCommitted(Topics.POLICIES);
        PolicyVerifier verifier = PolicyVerifier.fromEncoded(Map.of(PolicyTestKeys.PRIMARY.id(), PolicyTestKeys.PRIMARY.publicKeyBase64()));
        for (Map.Entry<String, JsonNode> fleet : stats.entrySet()) {
            List<ConsumerRecord<String, String>> mine = policies.stream().filter(r -> fleet.getKey().equals(r.key())).toList();
            List<JsonNode> published = new ArrayList<>();
            for (ConsumerRecord<String, String> r : mine) {
                published.add(JSON.readTree(r.value()));
            }
            List<Long> versions = published.stream().map(p -> p.path("version").asLong()).toList();
            assertThat(versions).as(fleet.getKey() + " policy versions on the topic, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, versions.size()).boxed().toList());
            List<String> issuers = published.stream().map(p -> p.path("issued_by").asText()).toList();
            assertThat(issuers.subList(1, issuers.size())).as(fleet.getKey() + " issuers after the seed")
                    .allMatch("learning-loop"::equals);
            long recalibrations = fleet.getValue().path("recalibrations").asLong();
            assertThat(recalibrations).as(fleet.getKey() + " recalibrations (thresholds moved)").isPositive();
            assertThat(versions.size() - 1L).as(fleet.getKey() + " learned versions vs. stats recalibrations")
                    .isEqualTo(recalibrations);
            assertThat(fleet.getValue().path("policy_version").asLong()).as(fleet.getKey() + " policy_version")
                    .isEqualTo(versions.size());
            System.out.printf("%s: %d decisions, policy versions %s%n", fleet.getKey(),
                    fleet.getValue().at("/total/decisions").asLong(), versions);
            for (ConsumerRecord<String, String> r : mine) {
                assertThat(verifier.verify(r.value().getBytes(StandardCharsets.UTF_8), name -> {
                    Header h = r.headers().lastHeader(name);
                    return h == null ? null : h.value();
                })).as("key that signed " + r.value()).isEqualTo(PolicyTestKeys.PRIMARY.id());
            }
        }
    }

    /**
     * Waits until every value is on the telemetry DLQ (committed records only), then checks that each is there exactly
     * once, with its reason and the topic it came from in the headers.
     */
    private static void assertDeadLetteredOnce(List<String> values) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, List<ConsumerRecord<String, String>>> found;
        while (true) {
            found = cluster.readCommitted(Topics.TELEMETRY_DLQ).stream().filter(r -> values.contains(r.value()))
                    .collect(Collectors.groupingBy(ConsumerRecord::value));
            if (found.keySet().containsAll(values) || System.nanoTime() > deadline) {
                break;
            }
            sleep(500);
        }
        assertThat(found.keySet()).as("dead-lettered on " + Topics.TELEMETRY_DLQ).containsExactlyInAnyOrderElementsOf(values);
        found.forEach((value, copies) -> {
            assertThat(copies).as("copies of " + value + " on " + Topics.TELEMETRY_DLQ).hasSize(1);
            Header reason = copies.get(0).headers().lastHeader("dead-letter-reason");
            Header topic = copies.get(0).headers().lastHeader("dead-letter-topic");
            assertThat(reason).as("dead-letter-reason header of " + value).isNotNull();
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).as("dead-letter-reason of " + value).isNotBlank();
            assertThat(topic).as("dead-letter-topic header of " + value).isNotNull();
            assertThat(new String(topic.value(), StandardCharsets.UTF_8)).isEqualTo(Topics.DECISIONS);
        });
        System.out.printf("%d malformed records dead-lettered once each%n", values.size());
    }

    /**
     * Waits until the Streams group is stable with one member per replica, each holding at least one partition of the
     * fleet-keyed topic: every replica owns some fleet, so whichever is killed, fleets must move.
     */
    private static void awaitEveryReplicaOwnsLearnTasks(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Long> owned = List.of();
        while (System.nanoTime() < deadline) {
            owned = cluster.partitionsPerMember(FLEET_EVENTS);
            if (owned.size() == REPLICAS && owned.stream().allMatch(n -> n > 0)) {
                System.out.printf("learn partitions per replica: %s%n", owned);
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not every replica owns a partition of " + FLEET_EVENTS + " within " + limit + ": " + owned);
    }

    // --- Kafka plumbing ---

    /**
     * Fleet names {@code prefix0, prefix1, ...}, one for each partition of a fleet-keyed topic with {@link #PARTITIONS}
     * partitions, as Kafka's default partitioner places a String key (murmur2 of its UTF-8 bytes).
     */
    private static List<String> fleetPerPartition(String prefix) {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < PARTITIONS && i < 10_000; i++) {
            String fleet = prefix + i;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(fleet.getBytes(StandardCharsets.UTF_8))) % PARTITIONS, fleet);
        }
        return List.copyOf(byPartition.values());
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
    }

    private static CompletableFuture<Void> send(KafkaProducer<String, String> producer, ProducerRecord<String, String> r) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(r, (md, e) -> {
            if (e == null) {
                ack.complete(null);
            } else {
                ack.completeExceptionally(e);
            }
        });
        return ack;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
