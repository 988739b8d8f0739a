package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

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

    @Test
    void decisionsAreAggregatedAndThresholdsRecalibratedToTheTargetShare() throws Exception {
        String fleet = "fleet-learn";
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("""
                {"version": 1, "fleet": "%s", "routing": {"target": {"offload_share": 0.25, "verify_share": 0.25}}}""".formatted(fleet))
                .when().put("/v1/policies/" + fleet).then().statusCode(200);

        // 40 decisions with scores 0.0125 .. 1.0: the top quarter should OFFLOAD, the next quarter VERIFY
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 1; i <= 40; i++) {
                String route = i > 30 ? "OFFLOAD" : i > 20 ? "VERIFY" : "LOCAL";
                DecisionRecord d = new DecisionRecord(fleet, i % 2 == 0 ? "notes" : "chat", "agent-hash", "req-" + i, 0,
                        1_700_000_000_000L + i * 1000L, route, i / 40.0, List.of(), 1, "router-1", 50,
                        20, 10, route.equals("LOCAL") ? 0 : 30, route.equals("VERIFY") ? 8 : 0, route.equals("VERIFY") ? 6 : 0,
                        i == 1 ? 1.0 : null);
                producer.send(new ProducerRecord<>(Topics.DECISIONS, fleet, JSON.writeValueAsString(d))).get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(OPERATOR).when().get("/v1/policies/" + fleet)
                        .then().statusCode(200).body("version", equalTo(2)));
        JsonPath policy = given().auth().oauth2(OPERATOR).when().get("/v1/policies/" + fleet).then().extract().jsonPath();
        assertThat(policy.getString("issued_by")).isEqualTo("learning-loop");
        assertThat(policy.getDouble("routing.thresholds.offload")).isCloseTo(0.7625, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(policy.getDouble("routing.thresholds.verify")).isCloseTo(0.5125, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, 1, Duration.ofSeconds(20)))
                .anySatisfy(r -> {
                    assertThat(r.getKey()).isEqualTo(fleet);
                    assertThat(r.getValue()).contains("\"version\":2").contains("learning-loop");
                });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(OPERATOR).when().get("/v1/fleet/" + fleet + "/stats")
                        .then().statusCode(200).body("recalibrations", equalTo(1)));
        JsonPath stats = given().auth().oauth2(OPERATOR).when().get("/v1/fleet/" + fleet + "/stats")
                .then().statusCode(200).extract().jsonPath();
        assertThat(stats.getLong("total.decisions")).isEqualTo(40);
        assertThat(stats.getLong("total.local")).isEqualTo(20);
        assertThat(stats.getDouble("total.cloud_share")).isEqualTo(0.5);
        assertThat(stats.getDouble("total.acceptance_rate")).isEqualTo(0.75);
        assertThat(stats.getLong("total.cloud_tokens")).isEqualTo(20 * 30);
        assertThat(stats.getLong("total.ratings")).isEqualTo(1);
        assertThat(stats.getLong("apps.notes.decisions")).isEqualTo(20);
        assertThat(stats.getLong("recalibrations")).isEqualTo(1);
        assertThat(stats.getLong("policy_version")).isEqualTo(2);
    }

    @Test
    void statsOfAnUnknownFleetAre404() {
        given().auth().oauth2(OPERATOR).when().get("/v1/fleet/nobody/stats").then().statusCode(404);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }
}
