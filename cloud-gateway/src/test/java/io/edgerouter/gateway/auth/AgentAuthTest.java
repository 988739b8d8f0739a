package io.edgerouter.gateway.auth;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class AgentAuthTest {

    @Test
    void callWithoutKeyIsRefusedWithOpenAiError() {
        given().when().get("/v1/models")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.message", containsString("Authorization: Bearer"));
    }

    @Test
    void callWithWrongKeyIsRefusedWithoutEchoingTheKey() {
        given().auth().oauth2("test-key-edge-1-but-wrong").when().get("/v1/models")
                .then().statusCode(401)
                .body("error.message", equalTo("invalid API key"))
                .body(not(containsString("test-key-edge-1-but-wrong")));
    }

    @Test
    void callWithAgentKeyIsServed() {
        given().auth().oauth2("test-key-edge-1").when().get("/v1/models").then().statusCode(200);
    }

    @Test
    void managementEndpointsNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void agentOverItsRateLimitGets429WithRetryAfter() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(given().auth().oauth2("test-key-limited").when().get("/v1/models"));
        }

        Response limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow(
                () -> new AssertionError("6 calls at a limit of 2/s were all served"));
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
        assertThat(limited.jsonPath().getString("error.code")).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void rateLimitOfOneAgentDoesNotSlowAnother() {
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2("test-key-limited").when().get("/v1/models");
        }
        given().auth().oauth2("test-key-edge-1").when().get("/v1/models").then().statusCode(200);
    }
}
