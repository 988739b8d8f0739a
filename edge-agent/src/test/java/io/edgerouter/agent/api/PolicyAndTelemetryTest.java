package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.edgerouter.testsupport.PolicyTestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;


import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kafka both ways, with a cloud configured: a fleet policy steers the next decision; every answer is reported. */
@QuarkusTest
@TestProfile(StandInCloud.Profile.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PolicyAndTelemetryTest {

    static final String ASK = "{\"messages\":[{\"role\":\"user\",\"content\":\"Explain how a heat pump works\"}]}";

    static String policy(long version, double offload, double verify) {
        return "{\"version\":" + version + ",\"fleet\":\"cloud-test\",\"routing\":{\"thresholds\":{\"offload\":" + offload
                + ",\"verify\":" + verify + "}}}";
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aPolicyPublishedOnKafkaChangesTheNextDecision() {
        PolicyTestKeys.publishSigned(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "cloud-test", policy(100, 0.0, 0.0));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(given().contentType(ContentType.JSON).body(ASK).post("/v1/route").then().statusCode(200)
                        .extract().<Integer>path("policy_version")).isEqualTo(100));
        given().contentType(ContentType.JSON).body(ASK).post("/v1/route").then().statusCode(200)
                .body("route", org.hamcrest.Matchers.equalTo("OFFLOAD"));

        PolicyTestKeys.publishSigned(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "cloud-test", policy(101, 1.0, 1.0));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(given().contentType(ContentType.JSON).body(ASK).post("/v1/route").then().statusCode(200)
                        .extract().<String>path("route")).isEqualTo("LOCAL"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anUncertainLocalGenerationEscalatesToVerifyKeepingWhatWasDrafted() {
        String escalating = "{\"version\":102,\"fleet\":\"cloud-test\",\"routing\":{\"thresholds\":{\"offload\":1.0,\"verify\":1.0},"
                + "\"escalation\":{\"enabled\":true,\"entropy_threshold\":0.01,\"window_tokens\":2}}}";
        PolicyTestKeys.publishSigned(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "cloud-test", escalating);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(given().contentType(ContentType.JSON).body(ASK).post("/v1/route").then().statusCode(200)
                        .extract().<Integer>path("policy_version")).isEqualTo(102));
        StandInCloud.RECEIVED.clear();
        given().contentType(ContentType.JSON)
                .body("{\"max_tokens\":12,\"messages\":[{\"role\":\"user\",\"content\":\"Explain how a heat pump works\"}]}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("route.route", org.hamcrest.Matchers.equalTo("VERIFY"))
                .body("route.reasons", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("escalate:entropy>=")))
                .body("usage.completion_tokens", org.hamcrest.Matchers.equalTo(12));
        // The cloud saw the context plus the two tokens drafted locally before escalation, as token ids.
        assertThat(StandInCloud.RECEIVED).isNotEmpty();
        assertThat(StandInCloud.RECEIVED.get(0)).contains("\"context_ids\":[").doesNotContain("heat pump");
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void everyAnswerIsReportedOnTheDecisionsTopicWithoutPromptText() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body("{\"model\":\"local\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"my diary entry for jane@example.com\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().path("id");
        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var records = KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), Topics.DECISIONS, 1, Duration.ofSeconds(5));
            assertThat(records).anySatisfy(r -> {
                JsonNode n = readTree(json, r.getValue());
                assertThat(n.get("fleet").asText()).isEqualTo("cloud-test");
                assertThat(n.get("route").asText()).isEqualTo("LOCAL");
                assertThat(n.get("completion_tokens").asInt()).isPositive();
            });
            assertThat(records).allSatisfy(r -> assertThat(r.getValue()).doesNotContain("diary").doesNotContain("jane@example.com")
                    .doesNotContain(id));
        });
    }

    private static JsonNode readTree(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

}
