package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.gateway.policy.PolicyRegistry;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicyVerifier;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.edgerouter.testsupport.PolicyTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Telemetry in, statistics and a recalibrated policy out (min-decisions is 40 in the test configuration). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class LearningLoopTest {

    private static final String OPERATOR = "test-key-operator";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Offset<Double> EXACT = Offset.offset(1e-6);

    @Test
    void decisionsAreAggregatedAndThresholdsRecalibratedToTheTargetShare() throws Exception {
        String fleet = "fleet-learn";
        putTarget(fleet, 1, 0.25, 0.25);

        // 40 decisions with scores 0.0125 .. 1.0: the top quarter should OFFLOAD, the next quarter VERIFY
        try (KafkaProducer<String, String> producer = producer()) {
            uniformDecisions(producer, fleet, fleet + "-req-", 40);
            send(producer, Topics.RATINGS, fleet, new RatingRecord(fleet, "chat", "agent-hash", fleet + "-req-1",
                    RatingRecord.WHOLE_COMPLETION, 1_700_000_001_000L, "LOCAL", 0.025, true, "router-1", 1.0, true));
        }

        awaitPolicyVersion(fleet, 2);
        JsonPath policy = given().auth().oauth2(OPERATOR).when().get("/v1/policies/" + fleet).then().extract().jsonPath();
        assertThat(policy.getString("issued_by")).isEqualTo("learning-loop");
        assertThat(policy.getDouble("routing.thresholds.offload")).isCloseTo(0.7625, EXACT);
        assertThat(policy.getDouble("routing.thresholds.verify")).isCloseTo(0.5125, EXACT);
        assertThat(KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, 1, Duration.ofSeconds(20)))
                .anySatisfy(r -> {
                    assertThat(r.getKey()).isEqualTo(fleet);
                    assertThat(r.getValue()).contains("\"version\":2").contains("learning-loop");
                });

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(stats(fleet).getLong("total.ratings")).isEqualTo(1));
        JsonPath stats = stats(fleet);
        assertThat(stats.getLong("total.decisions")).as("a rating is no decision").isEqualTo(40);
        assertThat(stats.getLong("total.local")).isEqualTo(20);
        assertThat(stats.getDouble("total.cloud_share")).isEqualTo(0.5);
        assertThat(stats.getDouble("total.acceptance_rate")).isEqualTo(0.75);
        assertThat(stats.getLong("total.cloud_tokens")).isEqualTo(20 * 30);
        assertThat(stats.getDouble("total.mean_rating")).isEqualTo(1.0);
        assertThat(stats.getLong("total.ratings_by_route.LOCAL.correct")).isEqualTo(1);
        assertThat(stats.getLong("apps.chat.ratings")).isEqualTo(1);
        assertThat(stats.getLong("apps.notes.decisions")).isEqualTo(20);
        assertThat(stats.getInt("score_window")).as("ratings never enter the score window").isEqualTo(40);
        assertThat(stats.getLong("recalibrations")).isEqualTo(1);
        assertThat(stats.getLong("policy_version")).isEqualTo(2);
    }

    @Test
    void forcedAndUnscoredDecisionsCountInRoutesAndCostsButStayOutOfTheScoreWindow() throws Exception {
        String fleet = "fleet-forced";
        putTarget(fleet, 1, 0.25, 0.25);

        try (KafkaProducer<String, String> producer = producer()) {
            // before the scored traffic: 20 forced cloud answers scored at the top, 10 model:local answers with no score
            for (int i = 1; i <= 20; i++) {
                send(producer, Topics.DECISIONS, fleet, decision(fleet, "chat", "forced-" + i, 0, "OFFLOAD", 0.99, false, 30));
            }
            for (int i = 1; i <= 10; i++) {
                send(producer, Topics.DECISIONS, fleet, decision(fleet, "chat", "local-" + i, 0, "LOCAL", null, false, 0));
            }
            uniformDecisions(producer, fleet, fleet + "-req-", 40);
        }

        awaitPolicyVersion(fleet, 2);
        JsonPath policy = given().auth().oauth2(OPERATOR).when().get("/v1/policies/" + fleet).then().extract().jsonPath();
        // exactly the thresholds of the 40 scored decisions alone
        assertThat(policy.getDouble("routing.thresholds.offload")).isCloseTo(0.7625, EXACT);
        assertThat(policy.getDouble("routing.thresholds.verify")).isCloseTo(0.5125, EXACT);
        JsonPath stats = stats(fleet);
        assertThat(stats.getInt("score_window")).isEqualTo(40);
        assertThat(stats.getLong("total.decisions")).isEqualTo(70);
        assertThat(stats.getLong("total.unscored")).isEqualTo(30);
        assertThat(stats.getLong("total.offload")).isEqualTo(30);
        assertThat(stats.getLong("total.cloud_tokens")).as("forced answers cost cloud tokens too").isEqualTo((20 + 20) * 30);
    }

    @Test
    void aRecordDeliveredTwiceCountsOnce() throws Exception {
        String fleet = "fleet-dedup";
        DecisionRecord first = decision(fleet, "chat", "dedup-req-1", 0, "LOCAL", 0.2, true, 0);
        RatingRecord rating = new RatingRecord(fleet, "chat", "agent-hash", "dedup-req-1", RatingRecord.WHOLE_COMPLETION,
                1_700_000_000_000L, "LOCAL", 0.2, true, "router-1", -1.0, false);
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, Topics.DECISIONS, fleet, first);
            send(producer, Topics.DECISIONS, fleet, first);
            send(producer, Topics.RATINGS, fleet, rating);
            send(producer, Topics.RATINGS, fleet, rating);
            // markers behind the replays on the same partition: once they are counted, the replays were consumed
            send(producer, Topics.DECISIONS, fleet, decision(fleet, "chat", "dedup-req-2", 0, "OFFLOAD", 0.9, true, 30));
            send(producer, Topics.RATINGS, fleet, new RatingRecord(fleet, "chat", "agent-hash", "dedup-req-2",
                    RatingRecord.WHOLE_COMPLETION, 1_700_000_000_000L, "OFFLOAD", 0.9, true, "router-1", 1.0, null));
        }

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            JsonPath s = stats(fleet);
            assertThat(s.getLong("total.offload")).isEqualTo(1);
            assertThat(s.getLong("total.ratings_by_route.OFFLOAD.ratings")).isEqualTo(1);
        });
        JsonPath stats = stats(fleet);
        assertThat(stats.getLong("total.decisions")).isEqualTo(2);
        assertThat(stats.getLong("total.local")).isEqualTo(1);
        assertThat(stats.getInt("score_window")).isEqualTo(2);
        assertThat(stats.getLong("total.ratings")).isEqualTo(2);
        assertThat(stats.getLong("total.ratings_by_route.LOCAL.ratings")).isEqualTo(1);
        assertThat(stats.getLong("total.ratings_by_route.LOCAL.incorrect")).isEqualTo(1);
        assertThat(stats.getDouble("total.mean_rating")).isEqualTo(0.0);
    }

    @Test
    void everyLoopPolicyCarriesTheOperatorsTargetSoAReplayingRegistryStillKnowsIt() throws Exception {
        String fleet = "fleet-carry";
        putTarget(fleet, 1, 0.25, 0.25);
        try (KafkaProducer<String, String> producer = producer()) {
            uniformDecisions(producer, fleet, fleet + "-a-", 40);
        }
        awaitPolicyVersion(fleet, 2);
        // a second batch of low scores moves the quantiles again: a second loop policy, built on the first
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 1; i <= 40; i++) {
                send(producer, Topics.DECISIONS, fleet, decision(fleet, "chat", fleet + "-b-" + i, 0, "LOCAL", i / 80.0, true, 0));
            }
        }
        awaitPolicyVersion(fleet, 3);

        PolicyCodec codec = PolicyCodec.schemaOnly();
        List<ConsumerRecord<String, String>> records = KafkaTopics.readRecords(KafkaBrokerResource.bootstrapServers(),
                        Topics.POLICIES, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                .filter(r -> fleet.equals(r.key())).toList();
        List<Policy> published = records.stream().map(ConsumerRecord::value).map(codec::parse).toList();
        assertThat(published).extracting(Policy::version).containsExactly(1L, 2L, 3L);
        // the loop's policies are signed like the operator's, so agents apply them
        PolicyVerifier agent = new PolicyVerifier(Map.of(PolicyTestKeys.PRIMARY.id(),
                PolicySignatures.publicKey(PolicyTestKeys.PRIMARY.publicKeyBase64())));
        assertThat(records).allSatisfy(r -> assertThat(agent.verify(r.value().getBytes(StandardCharsets.UTF_8),
                name -> r.headers().lastHeader(name) == null ? null : r.headers().lastHeader(name).value()))
                .isEqualTo("test-primary"));
        Policy.TargetShare target = new Policy.TargetShare(0.25, 0.25);
        assertThat(published.subList(1, 3)).allSatisfy(p -> {
            assertThat(p.issuedBy()).isEqualTo(PolicyRegistry.LEARNING_LOOP);
            assertThat(p.routing().thresholds()).isPresent();
            assertThat(p.routing().target()).contains(target);
        });

        // a restarted gateway on the compacted topic sees only the latest record per key: the loop's v3
        PolicyRegistry restarted = new PolicyRegistry();
        restarted.offer(fleet, published.get(2));
        assertThat(restarted.operatorTarget(fleet)).contains(target);
        // and replaying the whole topic in order gives the same
        PolicyRegistry replayed = new PolicyRegistry();
        published.forEach(p -> replayed.offer(fleet, p));
        assertThat(replayed.operatorTarget(fleet)).contains(target);
        assertThat(replayed.latest(fleet).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void statsOfAnUnknownFleetAre404() {
        given().auth().oauth2(OPERATOR).when().get("/v1/fleet/nobody/stats").then().statusCode(404);
    }

    private static void putTarget(String fleet, long version, double offload, double verify) {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("""
                {"version": %d, "fleet": "%s", "routing": {"target": {"offload_share": %s, "verify_share": %s}}}"""
                        .formatted(version, fleet, offload, verify))
                .when().put("/v1/policies/" + fleet).then().statusCode(200);
    }

    private static void awaitPolicyVersion(String fleet, int version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(OPERATOR).when().get("/v1/policies/" + fleet)
                        .then().statusCode(200).body("version", equalTo(version)));
    }

    private static JsonPath stats(String fleet) {
        return given().auth().oauth2(OPERATOR).when().get("/v1/fleet/" + fleet + "/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * Scores 1/n .. 1 in order; the top quarter OFFLOAD, the next VERIFY, half the requests from app notes. Request ids
     * must differ between tests: the consumers ignore a (agent, request, subtask) they have already taken in.
     */
    private static void uniformDecisions(KafkaProducer<String, String> producer, String fleet, String prefix, int n)
            throws Exception {
        for (int i = 1; i <= n; i++) {
            String route = i > 30 ? "OFFLOAD" : i > 20 ? "VERIFY" : "LOCAL";
            DecisionRecord d = new DecisionRecord(fleet, i % 2 == 0 ? "notes" : "chat", "agent-hash", prefix + i, 0,
                    1_700_000_000_000L + i * 1000L, route, i / (double) n, true, List.of(), 1, "router-1", 50,
                    20, 10, route.equals("LOCAL") ? 0 : 30, route.equals("VERIFY") ? 8 : 0, route.equals("VERIFY") ? 6 : 0);
            send(producer, Topics.DECISIONS, fleet, d);
        }
    }

    private static DecisionRecord decision(String fleet, String app, String request, int subtask, String route, Double score,
                                           boolean scored, int cloudTokens) {
        return new DecisionRecord(fleet, app, "agent-hash", request, subtask, 1_700_000_000_000L, route, score, scored,
                List.of(scored ? "score" : "forced:request"), 1, "router-1", 50, 20, 10, cloudTokens, 0, 0);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, Object value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(value))).get();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }
}
