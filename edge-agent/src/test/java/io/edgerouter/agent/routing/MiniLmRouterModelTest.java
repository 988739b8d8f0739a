package io.edgerouter.agent.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code edge.routing.model=minilm}: the agent routes with the scorer over MiniLM forward passes instead of the default
 * static one, and says so in every decision.
 */
@QuarkusTest
@TestProfile(MiniLmRouterModelTest.MiniLm.class)
class MiniLmRouterModelTest {

    public static class MiniLm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("edge.routing.model", "minilm");
        }
    }

    private static String ask(String text) {
        return "{\"model\":\"auto\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void decisionsNameTheMiniLmModel() {
        float one = given().contentType(ContentType.JSON).body(ask("What is the capital of France?")).post("/v1/route")
                .then().statusCode(200).body("router_model_version", startsWith("router-ridge100-both+len0.3-fe0.5-w32+16+"))
                .extract().path("score");
        float other = given().contentType(ContentType.JSON).body(ask("Under the Rule against Perpetuities, which of the"
                        + " following interests of the grantee's successor is void?"))
                .post("/v1/route").then().statusCode(200).extract().path("score");
        assertThat(one).isBetween(0f, 1f).isNotEqualTo(other);
        // an auto chat request is answered (no cloud configured here: LOCAL)
        given().contentType(ContentType.JSON).body(ask("What is the capital of France?")).post("/v1/chat/completions")
                .then().statusCode(200).header("x-route", startsWith("LOCAL"));
    }
}
