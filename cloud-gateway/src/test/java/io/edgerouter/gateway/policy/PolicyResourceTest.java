package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicyVerifier;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.edgerouter.testsupport.PolicyTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class PolicyResourceTest {

    private static final String OPERATOR = "test-key-operator";

    static String policy(String fleet, long version, String routing) {
        return """
                {"version": %d, "fleet": "%s", "routing": %s,
                 "verify": {"min_draft_tokens": 2, "max_draft_tokens": 8},
                 "budget": {"cloud_tokens_per_hour": 100000, "usd_per_million_tokens": 2}}""".formatted(version, fleet, routing);
    }

    @Test
    void validPolicyIsPublishedToTheCompactedTopicKeyedByFleetAndServedBack() {
        String body = policy("fleet-put", 3, "{\"thresholds\": {\"offload\": 0.7, \"verify\": 0.4}}");

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(body)
                .when().put("/v1/policies/fleet-put")
                .then().statusCode(200).body("version", equalTo(3));

        List<Map.Entry<String, String>> records = KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, 1, Duration.ofSeconds(20));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo("fleet-put");
            assertThat(r.getValue()).contains("\"version\":3").contains("\"offload\":0.7");
        });
        given().auth().oauth2("test-key-edge-1").when().get("/v1/policies/fleet-put")
                .then().statusCode(200)
                .body("fleet", equalTo("fleet-put"))
                .body("routing.thresholds.verify", equalTo(0.4f));
    }

    @Test
    void everyPublishedRecordCarriesASignatureOfItsExactValueByTheConfiguredKey() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(policy("fleet-signed", 1, "{\"thresholds\": {\"offload\": 0.7, \"verify\": 0.4}}"))
                .when().put("/v1/policies/fleet-signed").then().statusCode(200);

        List<ConsumerRecord<String, String>> records = KafkaTopics.readRecords(KafkaBrokerResource.bootstrapServers(),
                Topics.POLICIES, Integer.MAX_VALUE, Duration.ofSeconds(3));
        ConsumerRecord<String, String> published = records.stream().filter(r -> "fleet-signed".equals(r.key()))
                .reduce((a, b) -> b).orElseThrow();
        // what an agent does: the public half of the test key, looked up by the key id in the record
        PolicyVerifier agent = new PolicyVerifier(Map.of(PolicyTestKeys.PRIMARY.id(),
                PolicySignatures.publicKey(PolicyTestKeys.PRIMARY.publicKeyBase64())));
        byte[] value = published.value().getBytes(StandardCharsets.UTF_8);
        assertThat(agent.verify(value, name -> header(published, name))).isEqualTo("test-primary");
        value[value.length - 2] ^= 0x01;
        assertThatThrownBy(() -> agent.verify(value, name -> header(published, name)))
                .hasMessageContaining("bad policy signature");
    }

    private static byte[] header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : h.value();
    }

    @Test
    void policyTopicIsCompacted() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.POLICIES);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(admin.describeConfigs(List.of(topic)).all().get(20, TimeUnit.SECONDS)
                            .get(topic).get("cleanup.policy").value()).isEqualTo("compact"));
        }
    }

    @Test
    void invalidPolicyIs400NamingEveryField() {
        String body = policy("fleet-bad", 1, "{\"target\": {\"offload_share\": 1.5}}").replace("\"verify\":", "\"verfy\":");

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(body)
                .when().put("/v1/policies/fleet-bad")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("routing.target.offload_share"))
                .body("error.message", containsString("verfy"));
        given().auth().oauth2(OPERATOR).when().get("/v1/policies/fleet-bad").then().statusCode(404);
    }

    @Test
    void fleetInThePathMustMatchThePolicy() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(policy("fleet-a", 1, "{\"target\": {\"offload_share\": 0.1}}"))
                .when().put("/v1/policies/fleet-b")
                .then().statusCode(400).body("error.param", equalTo("fleet"));
    }

    @Test
    void versionMustIncrease() {
        String fleet = "fleet-versions";
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(policy(fleet, 5, "{\"target\": {\"offload_share\": 0.1}}"))
                .when().put("/v1/policies/" + fleet).then().statusCode(200);

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(policy(fleet, 5, "{\"target\": {\"offload_share\": 0.2}}"))
                .when().put("/v1/policies/" + fleet)
                .then().statusCode(409).body("error.code", equalTo("stale_version")).body("error.param", equalTo("version"));
    }

    @Test
    void edgeAgentsMayNotPublishPolicies() {
        given().auth().oauth2("test-key-edge-1").contentType(ContentType.JSON).body(policy("fleet-x", 1, "{\"target\": {\"offload_share\": 0.1}}"))
                .when().put("/v1/policies/fleet-x")
                .then().statusCode(403).body("error.code", equalTo("not_admin"));
    }

    @Test
    void policyOnTheTopicFromElsewhereIsPickedUp() {
        PolicyTestKeys.publishSigned(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "fleet-elsewhere",
                policy("fleet-elsewhere", 9, "{\"target\": {\"offload_share\": 0.3}}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(OPERATOR).when().get("/v1/policies/fleet-elsewhere")
                        .then().statusCode(200).body("version", equalTo(9)));
    }

    @Test
    void aPolicyOnTheTopicSignedByNoTrustedKeyIsNotTakenForTheFleetsPolicy() {
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        String forged = policy("fleet-forged", 50, "{\"target\": {\"offload_share\": 0.9}}");
        KafkaTopics.write(bootstrap, Topics.POLICIES, "fleet-forged", forged);
        String altered = policy("fleet-forged", 51, "{\"target\": {\"offload_share\": 0.9}}");
        PolicyTestKeys.publish(bootstrap, Topics.POLICIES, "fleet-forged", altered,
                PolicyTestKeys.PRIMARY.signer().headers(policy("fleet-forged", 51, "{}").getBytes(StandardCharsets.UTF_8)));
        PolicyTestKeys.publish(bootstrap, Topics.POLICIES, "fleet-forged", policy("fleet-forged", 52, "{}"),
                PolicyTestKeys.ROTATION.signer().headers(policy("fleet-forged", 52, "{}").getBytes(StandardCharsets.UTF_8)));
        // a signed record after them on the same partition: once it is read, the three before it were too
        PolicyTestKeys.publishSigned(bootstrap, Topics.POLICIES, "fleet-forged", policy("fleet-forged", 3, "{\"target\": {\"offload_share\": 0.1}}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(OPERATOR).when().get("/v1/policies/fleet-forged")
                        .then().statusCode(200).body("version", equalTo(3)).body("routing.target.offload_share", equalTo(0.1f)));
        // so the next operator version is 4, not one above the forged 50-52, and it is published signed
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(policy("fleet-forged", 4, "{\"target\": {\"offload_share\": 0.2}}"))
                .when().put("/v1/policies/fleet-forged").then().statusCode(200);
    }
}
