package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Feedback and dry runs against the learning loop: a completion is rated once; only a rating of an answer whose route
 * the score chose moves the router's calibration; {@code /v1/route} feeds nothing. No cloud is configured here, so
 * {@code auto} answers LOCAL ({@code cloud_unreachable}) with a score.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class FeedbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK = "{\"messages\":[{\"role\":\"user\",\"content\":\"Name a prime number.\"}]}";

    @Test
    void aSecondRatingOfACompletionIs409NamingCompletionId() {
        String id = complete("local", "feedback-twice");
        feedback("{\"completion_id\":\"" + id + "\",\"rating\":0.5}").then().statusCode(202);

        feedback("{\"completion_id\":\"" + id + "\",\"correct\":false}").then().statusCode(409)
                .body("error.code", equalTo("already_rated"))
                .body("error.param", equalTo("completion_id"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("completion_id"))
                .body("error.message", containsString("already rated"));
    }

    @Test
    void ratingAForcedLocalAnswerLeavesCalibrationAloneWhileAScoredOneRecalibrates() {
        long before = calibrationSteps(routerVersion());
        String forced = complete("local", "feedback-forced");
        String afterForced = feedback("{\"completion_id\":\"" + forced + "\",\"rating\":-1}").then().statusCode(202)
                .extract().path("router_model_version");
        assertThat(calibrationSteps(afterForced)).isEqualTo(before);

        String scored = complete("auto", "feedback-scored");
        String afterScored = feedback("{\"completion_id\":\"" + scored + "\",\"rating\":-1}").then().statusCode(202)
                .extract().path("router_model_version");
        assertThat(calibrationSteps(afterScored)).as("a rated LOCAL answer the score chose is evidence").isEqualTo(before + 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> ratings = records(Topics.RATINGS);
            assertThat(ratings).anySatisfy(r -> {
                assertThat(r.path("app").asText()).isEqualTo("feedback-forced");
                assertThat(r.path("scored").asBoolean(true)).isFalse();
                assertThat(r.has("score")).as("model: local was never scored").isFalse();
                assertThat(r.path("rating").asDouble()).isEqualTo(-1.0);
                assertThat(r.path("subtask_index").asInt()).isEqualTo(-1);
            });
            assertThat(ratings).anySatisfy(r -> {
                assertThat(r.path("app").asText()).isEqualTo("feedback-scored");
                assertThat(r.path("scored").asBoolean(false)).isTrue();
                assertThat(r.path("route").asText()).isEqualTo("LOCAL");
            });
            List<JsonNode> decisions = records(Topics.DECISIONS);
            assertThat(decisions).anySatisfy(d -> {
                assertThat(d.path("app").asText()).isEqualTo("feedback-forced");
                assertThat(d.path("scored").asBoolean(true)).isFalse();
                assertThat(d.has("score")).isFalse();
            });
            assertThat(decisions).as("ratings are no decisions").noneSatisfy(d ->
                    assertThat(d.has("rating") || d.path("subtask_index").asInt() < 0).isTrue());
        });
    }

    @Test
    void aDryRunPublishesNothingAndChangesNothing() {
        String before = routerVersion();
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("x-app-id", "dry-run-probe").body(ASK).post("/v1/route")
                    .then().statusCode(200).body("route", equalTo("LOCAL"));
        }
        assertThat(routerVersion()).isEqualTo(before);

        // an answer behind the dry runs: the agent ships its telemetry in order, so once it arrived, anything the dry
        // runs had published would have arrived before it
        complete("local", "dry-run-marker");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(records(Topics.DECISIONS)).anySatisfy(d -> assertThat(d.path("app").asText()).isEqualTo("dry-run-marker")));
        assertThat(records(Topics.DECISIONS)).noneSatisfy(d -> assertThat(d.path("app").asText()).isEqualTo("dry-run-probe"));
        assertThat(records(Topics.RATINGS)).noneSatisfy(r -> assertThat(r.path("app").asText()).isEqualTo("dry-run-probe"));
    }

    private static String complete(String model, String app) {
        return given().contentType(ContentType.JSON).header("x-app-id", app)
                .body(ChatCompletionsTest.chat(model, "Name a prime number.", 4, false))
                .post("/v1/chat/completions").then().statusCode(200).body("route.route", equalTo("LOCAL"))
                .extract().path("id");
    }

    private static io.restassured.response.Response feedback(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/feedback");
    }

    private static String routerVersion() {
        return given().contentType(ContentType.JSON).body(ASK).post("/v1/route").then().statusCode(200)
                .extract().path("router_model_version");
    }

    private static long calibrationSteps(String routerModelVersion) {
        return Long.parseLong(routerModelVersion.substring(routerModelVersion.lastIndexOf("calib-") + 6));
    }

    private static List<JsonNode> records(String topic) {
        return KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), topic, Integer.MAX_VALUE, Duration.ofSeconds(2))
                .stream().map(Map.Entry::getValue).map(FeedbackTest::tree).toList();
    }

    private static JsonNode tree(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
