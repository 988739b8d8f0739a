package io.edgerouter.gateway.verify;

import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** gateway.verify.max-sessions is 8 in the test configuration. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class VerifySessionBoundsTest {

    private static final String KEY = "test-key-operator";

    @Inject
    GatewayModel model;

    @Inject
    VerifySessions sessions;

    @Test
    void sessionsBeyondTheLimitEvictTheLeastRecentlyUsed() {
        for (int i = 0; i < 10; i++) {
            round("bounded-" + i, List.of(65, 66, 67)).statusCode(200);
        }

        assertThat(sessions.size()).isLessThanOrEqualTo(8);
        assertThat(sessions.kvBytes()).isPositive();
        appendOnly("bounded-0").statusCode(404).body("error.code", equalTo("session_not_found"));
        appendOnly("bounded-9").statusCode(200);
    }

    @Test
    void idleSessionsAreClosed() {
        round("idle-1", List.of(70, 71)).statusCode(200);
        assertThat(sessions.peek("operator", "idle-1")).isPresent();

        sessions.expireIdle(); // the 5 min idle timeout has not passed: kept
        assertThat(sessions.peek("operator", "idle-1")).isPresent();

        sessions.expireIdle(System.nanoTime() + java.time.Duration.ofMinutes(6).toNanos());
        assertThat(sessions.peek("operator", "idle-1")).isEmpty();
        appendOnly("idle-1").statusCode(404);
    }

    @Test
    void anotherAgentCannotReachTheSession() {
        round("private-1", List.of(80, 81)).statusCode(200);

        Map<String, Object> b = body("private-1");
        b.put("context_append_ids", List.of());
        given().auth().oauth2("test-key-edge-1").contentType(ContentType.JSON).body(b).when().post("/v1/verify")
                .then().statusCode(404);
    }

    private io.restassured.response.ValidatableResponse round(String session, List<Integer> context) {
        Map<String, Object> b = body(session);
        b.put("context_ids", context);
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(b).when().post("/v1/verify").then();
    }

    private io.restassured.response.ValidatableResponse appendOnly(String session) {
        Map<String, Object> b = body(session);
        b.put("context_append_ids", List.of());
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(b).when().post("/v1/verify").then();
    }

    private Map<String, Object> body(String session) {
        Map<String, Object> b = new HashMap<>();
        b.put("tokenizer_hash", model.tokenizerHash());
        b.put("session_id", session);
        b.put("draft_ids", List.of(72));
        return b;
    }
}
