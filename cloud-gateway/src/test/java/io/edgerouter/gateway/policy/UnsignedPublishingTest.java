package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.edgerouter.testsupport.PolicyTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Kafka on but no signing key: the gateway starts, yet refuses to publish anything agents could not trust; it still
 * reads back records signed with an earlier key it was given ({@code gateway.policy.public-keys}), and no others.
 */
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

    @Test
    void recordsSignedWithAnEarlierTrustedKeyAreReadBackAndUnsignedOnesAreNot() {
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        KafkaTopics.write(bootstrap, Topics.POLICIES, "fleet-earlier", policy(70));
        PolicyTestKeys.publishSigned(bootstrap, Topics.POLICIES, "fleet-earlier", policy(71)); // not trusted here
        String earlier = policy(7);
        PolicyTestKeys.publish(bootstrap, Topics.POLICIES, "fleet-earlier", earlier,
                PolicyTestKeys.ROTATION.signer().headers(earlier.getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2("test-key-operator").when().get("/v1/policies/fleet-earlier")
                        .then().statusCode(200).body("version", equalTo(7)));
    }

    private static String policy(long version) {
        return "{\"version\": " + version + ", \"fleet\": \"fleet-earlier\", \"routing\": {\"thresholds\": {\"offload\": 0.7}}}";
    }

    public static class NoSigningKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an empty value unsets the test configuration's key file; the rotation test key plays an earlier key
            return Map.of("gateway.policy.signing-key-file", "",
                    "gateway.policy.public-keys." + PolicyTestKeys.ROTATION.id(), PolicyTestKeys.ROTATION.publicKeyBase64());
        }
    }
}
