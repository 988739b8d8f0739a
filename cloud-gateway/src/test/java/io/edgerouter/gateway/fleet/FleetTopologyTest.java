package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicySigner;
import io.edgerouter.protocol.signing.PolicyVerifier;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.edgerouter.testsupport.PolicyTestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning topology's logic, record by record, in Kafka Streams' {@link TopologyTestDriver} (persistent stores in
 * a temporary state directory, no broker): de-duplication and its window, the recalibration trigger, the policy
 * version taken from the topic, the operator's target carried forward, the DLQ, and a failing record skipped.
 */
class FleetTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyCodec CODEC = PolicyCodec.schemaOnly();
    private static final PolicySigner SIGNER = PolicyTestKeys.PRIMARY.signer();
    private static final PolicyVerifier VERIFIER = new PolicyVerifier(Map.of(PolicyTestKeys.PRIMARY.id(),
            PolicySignatures.publicKey(PolicyTestKeys.PRIMARY.publicKeyBase64())));
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final int MIN_DECISIONS = 20;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private SimpleMeterRegistry meters;
    private TestInputTopic<String, byte[]> decisions;
    private TestInputTopic<String, byte[]> ratings;
    private TestInputTopic<String, byte[]> policies;
    private TestOutputTopic<String, String> policiesOut;
    private TestOutputTopic<String, String> stats;
    private TestOutputTopic<String, byte[]> dlq;
    private final Map<String, JsonNode> latestStats = new HashMap<>();

    @BeforeEach
    void start() {
        FleetTopology.Settings settings = new FleetTopology.Settings(true, MIN_DECISIONS, 1000, 0.02, 2,
                Duration.ofMinutes(10), Duration.ofSeconds(1));
        meters = new SimpleMeterRegistry();
        FleetTopology.PolicyKeys keys = new FleetTopology.PolicyKeys() {
            @Override
            public Map<String, byte[]> sign(byte[] value) {
                return SIGNER.headers(value);
            }

            @Override
            public void verify(byte[] value, Function<String, byte[]> header) {
                VERIFIER.verify(value, header);
            }
        };
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "learning-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipFailedRecords.class.getName());
        config.put(SkipFailedRecords.COUNTER, meters.counter("gateway_learning_skipped_records_total"));
        driver = new TopologyTestDriver(FleetTopology.build(settings, CODEC, keys, meters), config, T0);
        decisions = driver.createInputTopic(Topics.DECISIONS, new StringSerializer(), new ByteArraySerializer(), T0, Duration.ofMillis(10));
        ratings = driver.createInputTopic(Topics.RATINGS, new StringSerializer(), new ByteArraySerializer(), T0, Duration.ofMillis(10));
        policies = driver.createInputTopic(Topics.POLICIES, new StringSerializer(), new ByteArraySerializer(), T0, Duration.ofMillis(10));
        policiesOut = driver.createOutputTopic(Topics.POLICIES, new StringDeserializer(), new StringDeserializer());
        stats = driver.createOutputTopic(Topics.FLEET_STATS, new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(Topics.TELEMETRY_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aDecisionDeliveredAgainWithinTheWindowCountsOnceAndAfterItAgain() throws Exception {
        DecisionRecord d = decision("f", "chat", "req-1", "LOCAL", 0.2, true);
        sendDecision(d, T0);
        sendDecision(d, T0.plusSeconds(60));
        // a rating shares the ids of its completion but is another kind of record: not a duplicate of the decision
        sendRating(rating("f", "req-1", "LOCAL"), T0.plusSeconds(61));
        sendRating(rating("f", "req-1", "LOCAL"), T0.plusSeconds(62));
        JsonNode s = stats("f");
        assertThat(s.at("/total/decisions").asLong()).isEqualTo(1);
        assertThat(s.at("/total/ratings").asLong()).isEqualTo(1);
        assertThat(s.at("/score_window").asInt()).isEqualTo(1);
        assertThat(meters.counter("gateway_telemetry_duplicates_total").count()).isEqualTo(2);

        // the window is 10 minutes: a resend 11 minutes later is a new delivery as far as the loop can tell
        sendDecision(d, T0.plusSeconds(11 * 60));
        assertThat(stats("f").at("/total/decisions").asLong()).isEqualTo(2);
    }

    @Test
    void everyMinDecisionsScoredDecisionsTheThresholdsAreRecalibratedAsTheTopicsVersionPlusOne() throws Exception {
        publishOperatorPolicy("f", 7, 0.25, 0.25);
        // forced and unscored decisions never count towards the trigger nor enter the window
        for (int i = 0; i < 30; i++) {
            sendDecision(decision("f", "chat", "forced-" + i, "OFFLOAD", 0.99, false), T0.plusSeconds(i));
        }
        assertThat(policiesOut.isEmpty()).isTrue();
        uniform("f", "a-", MIN_DECISIONS - 1, T0.plusSeconds(100));
        assertThat(policiesOut.isEmpty()).as("one scored decision short of the trigger").isTrue();
        sendDecision(decision("f", "chat", "a-last", "LOCAL", 1.0, true), T0.plusSeconds(200));

        List<TestRecord<String, String>> out = policiesOut.readRecordsToList();
        assertThat(out).hasSize(1);
        Policy learned = CODEC.parse(out.get(0).value());
        assertThat(learned.version()).isEqualTo(8);
        assertThat(learned.issuedBy()).isEqualTo("learning-loop");
        assertThat(learned.routing().target()).contains(new Policy.TargetShare(0.25, 0.25));
        assertThat(learned.routing().thresholds()).isPresent();
        assertThat(verify(out.get(0))).as("signed like the operator's policies").isEqualTo(PolicyTestKeys.PRIMARY.id());
        JsonNode s = stats("f");
        assertThat(s.at("/recalibrations").asLong()).isEqualTo(1);
        assertThat(s.at("/policy_version").asLong()).isEqualTo(8);
        assertThat(s.at("/score_window").asInt()).isEqualTo(MIN_DECISIONS);
        assertThat(s.at("/total/unscored").asLong()).isEqualTo(30);
    }

    @Test
    void theOperatorsTargetIsCarriedForwardAndForgedPoliciesMoveNothing() throws Exception {
        publishOperatorPolicy("f", 1, 0.25, 0.25);
        uniform("f", "a-", MIN_DECISIONS, T0);
        Policy v2 = CODEC.parse(policiesOut.readValue());
        assertThat(v2.version()).isEqualTo(2);
        // the learned policy comes back from the topic: it is the current one already, nothing changes
        policies.pipeInput(new TestRecord<>("f", v2bytes(v2), signed(v2bytes(v2)), T0.plusSeconds(30)));

        // a forged policy (unsigned) with a huge version and another target: never the base of what is learned
        byte[] forged = CODEC.write(CODEC.parse(operatorJson("f", 100, 0.9, 0.05))).getBytes(StandardCharsets.UTF_8);
        policies.pipeInput(new TestRecord<>("f", forged, new RecordHeaders(), T0.plusSeconds(31)));
        // an older record of the compacted topic, replayed: ignored
        publishOperatorPolicy("f", 1, 0.6, 0.1);

        // low scores move the quantiles: the second learned policy is built on v2, target unchanged
        lowScores("f", "b-", MIN_DECISIONS, T0.plusSeconds(60));
        Policy v3 = CODEC.parse(policiesOut.readValue());
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.routing().target()).contains(new Policy.TargetShare(0.25, 0.25));

        // a newer operator policy with a new target: the next learned policy aims at it, one version above it
        publishOperatorPolicy("f", 10, 0.5, 0.1);
        uniform("f", "c-", MIN_DECISIONS, T0.plusSeconds(120));
        Policy v11 = CODEC.parse(policiesOut.readValue());
        assertThat(v11.version()).isEqualTo(11);
        assertThat(v11.routing().target()).contains(new Policy.TargetShare(0.5, 0.1));
        assertThat(policiesOut.isEmpty()).isTrue();
    }

    @Test
    void telemetryThatArrivesBeforeTheFleetsFirstPolicyIsRecalibratedWhenThePolicyComes() throws Exception {
        uniform("f", "a-", MIN_DECISIONS + 5, T0);
        assertThat(policiesOut.isEmpty()).as("nothing to recalibrate without a policy").isTrue();
        publishOperatorPolicy("f", 3, 0.25, 0.25);
        Policy learned = CODEC.parse(policiesOut.readValue());
        assertThat(learned.version()).isEqualTo(4);
    }

    @Test
    void malformedTelemetryGoesToTheDlqWithItsReasonAndTheRecordsAfterItAreCounted() throws Exception {
        decisions.pipeInput(new TestRecord<>("f", "{not json".getBytes(StandardCharsets.UTF_8), T0));
        decisions.pipeInput(new TestRecord<>("f", "{\"fleet\":\"f\",\"route\":\"SIDEWAYS\"}".getBytes(StandardCharsets.UTF_8), T0));
        ratings.pipeInput(new TestRecord<>("f", "[1,2,3]".getBytes(StandardCharsets.UTF_8), T0));
        // a producer's own edge-event header cannot pass a decision off as a policy
        Headers spoofed = new RecordHeaders().add(FleetTopology.EVENT_HEADER, "policy".getBytes(StandardCharsets.UTF_8));
        decisions.pipeInput(new TestRecord<>("f", json(decision("f", "chat", "ok-1", "LOCAL", 0.3, true)), spoofed, T0));

        List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        assertThat(rejected).hasSize(3);
        assertThat(new String(rejected.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(rejected.get(0).key()).isEqualTo("f");
        assertThat(header(rejected.get(0).headers(), "dead-letter-reason")).startsWith("not a decision record");
        assertThat(header(rejected.get(0).headers(), "dead-letter-topic")).isEqualTo(Topics.DECISIONS);
        assertThat(header(rejected.get(1).headers(), "dead-letter-reason")).contains("a route in");
        assertThat(header(rejected.get(2).headers(), "dead-letter-reason")).startsWith("not a rating record");
        assertThat(header(rejected.get(2).headers(), "dead-letter-topic")).isEqualTo(Topics.RATINGS);
        assertThat(stats("f").at("/total/decisions").asLong()).isEqualTo(1);
    }

    @Test
    void aRecordWhoseProcessingFailsIsSkippedAndCountedAndTheLoopGoesOn() throws Exception {
        // only the intake writes fleet-events; a record there without a kind makes the learner throw
        TestInputTopic<String, byte[]> events = driver.createInputTopic("learning-test-fleet-events-repartition",
                new StringSerializer(), new ByteArraySerializer());
        events.pipeInput(new TestRecord<>("f", "{}".getBytes(StandardCharsets.UTF_8), T0));
        sendDecision(decision("f", "chat", "after-1", "VERIFY", 0.7, true), T0.plusSeconds(1));
        assertThat(stats("f").at("/total/verify").asLong()).isEqualTo(1);
        assertThat(meters.counter("gateway_learning_skipped_records_total").count()).isEqualTo(1);
    }

    @Test
    void appsBeyondTheLimitAndInvalidAppIdsAreCountedAsOther() throws Exception {
        sendDecision(decision("f", "app-1", "r1", "LOCAL", 0.1, true), T0);
        sendDecision(decision("f", "app-2", "r2", "LOCAL", 0.1, true), T0);
        sendDecision(decision("f", "app-3", "r3", "LOCAL", 0.1, true), T0);
        sendDecision(decision("f", "app 4 <script>", "r4", "LOCAL", 0.1, true), T0);
        sendDecision(decision("f", "app-1", "r5", "LOCAL", 0.1, true), T0);
        JsonNode apps = stats("f").get("apps");
        assertThat(apps.fieldNames()).toIterable().containsExactlyInAnyOrder("app-1", "app-2", "(other)");
        assertThat(apps.at("/app-1/decisions").asLong()).isEqualTo(2);
        assertThat(apps.at("/(other)/decisions").asLong()).isEqualTo(2);
    }

    // ---- helpers

    private JsonNode stats(String fleet) throws Exception {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        for (TestRecord<String, String> r : stats.readRecordsToList()) {
            latestStats.put(r.key(), JSON.readTree(r.value()));
        }
        assertThat(latestStats).containsKey(fleet);
        return latestStats.get(fleet);
    }

    private void publishOperatorPolicy(String fleet, long version, double offload, double verify) {
        byte[] value = CODEC.write(CODEC.parse(operatorJson(fleet, version, offload, verify))).getBytes(StandardCharsets.UTF_8);
        policies.pipeInput(new TestRecord<>(fleet, value, signed(value), T0));
    }

    private static String operatorJson(String fleet, long version, double offload, double verify) {
        return """
                {"version": %d, "fleet": "%s", "routing": {"target": {"offload_share": %s, "verify_share": %s}}}"""
                .formatted(version, fleet, offload, verify);
    }

    private static byte[] v2bytes(Policy p) {
        return CODEC.write(p).getBytes(StandardCharsets.UTF_8);
    }

    private static Headers signed(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        SIGNER.headers(value).forEach(headers::add);
        return headers;
    }

    private static String verify(TestRecord<String, String> r) {
        return VERIFIER.verify(r.value().getBytes(StandardCharsets.UTF_8), name -> {
            Header h = r.headers().lastHeader(name);
            return h == null ? null : h.value();
        });
    }

    /** n decisions with scores 1/n .. 1. */
    private void uniform(String fleet, String prefix, int n, Instant at) throws Exception {
        for (int i = 1; i <= n; i++) {
            sendDecision(decision(fleet, "chat", prefix + i, i > n / 2 ? "OFFLOAD" : "LOCAL", i / (double) n, true), at.plusMillis(i));
        }
    }

    /** n decisions with scores in (0, 0.5]. */
    private void lowScores(String fleet, String prefix, int n, Instant at) throws Exception {
        for (int i = 1; i <= n; i++) {
            sendDecision(decision(fleet, "chat", prefix + i, "LOCAL", i / (2.0 * n), true), at.plusMillis(i));
        }
    }

    private void sendDecision(DecisionRecord d, Instant at) throws Exception {
        decisions.pipeInput(new TestRecord<>(d.fleet(), json(d), at));
    }

    private void sendRating(RatingRecord r, Instant at) throws Exception {
        ratings.pipeInput(new TestRecord<>(r.fleet(), json(r), at));
    }

    private static byte[] json(Object value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static DecisionRecord decision(String fleet, String app, String request, String route, Double score, boolean scored) {
        return new DecisionRecord(fleet, app, "agent-1", request, 0, T0.toEpochMilli(), route, score, scored, List.of(),
                1, "router-1", 40, 20, 10, route.equals("LOCAL") ? 0 : 30, 0, 0);
    }

    private static RatingRecord rating(String fleet, String request, String route) {
        return new RatingRecord(fleet, "chat", "agent-1", request, 0, T0.toEpochMilli(), route, 0.2, true, "router-1", 1.0, true);
    }
}
