package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Kafka on but no signing key: the gateway starts, yet refuses to publish anything agents could not trust. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(UnsignedPublishingTest.NoSigningKey.class)
class UnsignedPublishingTest {

    @Test
    void withoutASigningKeyAPolicyPutIs503NamingThePropertyAndNothingIsPublished() {
        given().auth().oauth2("test-key-operator").contentType(ContentType.JSON)
                .body("{\"version\": 1, \"fleet\": \"fleet-unsigned\", \"routing\": {\"thresholds\": {\"offload\": 0.7}}}")
                .when().put("/v1/policies/fleet-unsigned")
                .then().statusCode(503)
                .body("error.code", equalTo("policy_signing_unconfigured"))
                .body("error.message", containsString("gateway.policy.signing-key-file"))
                .body("error.message", not(containsString("Exception")));

        given().auth().oauth2("test-key-operator").when().get("/v1/policies/fleet-unsigned").then().statusCode(404);
        assertThat(KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, Integer.MAX_VALUE, Duration.ofSeconds(2)))
                .noneMatch(r -> r.getKey().equals("fleet-unsigned"));
    }

    public static class NoSigningKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an empty value unsets the test configuration's key file
            return Map.of("gateway.policy.signing-key-file", "");
        }
    }
}
