package io.edgerouter.gateway.policy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A gateway without Kafka (the default, {@code gateway.kafka.enabled=false}) cannot publish policies: a valid PUT is a
 * 503 naming the setting, never a 500 from a channel that was not wired.
 */
@QuarkusTest
@TestProfile(PolicyWithoutKafkaTest.NoKafka.class)
class PolicyWithoutKafkaTest {

    @Test
    void aValidPutIs503NamingTheSetting() {
        given().auth().oauth2("test-key-operator").contentType(ContentType.JSON)
                .body("{\"version\": 1, \"fleet\": \"fleet-put\", \"routing\": {\"target\": {\"offload_share\": 0.1}}}")
                .when().put("/v1/policies/fleet-put")
                .then().statusCode(503)
                .body("error.code", equalTo("kafka_disabled"))
                .body("error.message", containsString("gateway.kafka.enabled"));
    }

    @Test
    void anInvalidPutIsStillA400() {
        given().auth().oauth2("test-key-operator").contentType(ContentType.JSON)
                .body("{\"version\": 0, \"fleet\": \"fleet-put\"}")
                .when().put("/v1/policies/fleet-put")
                .then().statusCode(400);
    }

    /** Kafka off, as a gateway starts by default. */
    public static class NoKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.kafka.enabled", "false");
        }
    }
}
