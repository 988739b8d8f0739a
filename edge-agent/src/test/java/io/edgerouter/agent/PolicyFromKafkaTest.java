package io.edgerouter.agent;

import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicySigner;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.edgerouter.testsupport.PolicyTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Policies from the real broker: signed ones for this fleet apply in version order; anything unsigned, altered,
 * signed by an untrusted key, signed for another fleet, invalid or stale goes to the dead-letter topic with its
 * reason, and the policy in force stays.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyFromKafkaTest {

    @Inject
    PolicyStore store;

    @Test
    @Order(1)
    void policyPublishedOnKafkaIsAppliedAndReportedByReadiness() {
        publish("default", policy(40, 0.8));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.policy().version() == 40);
        assertThat(store.policy().routing().thresholds().orElseThrow().offload()).isEqualTo(0.8);
        assertThat(store.current().source()).isEqualTo(PolicyStore.Source.KAFKA);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'edge-agent' }.data.policy_version", equalTo(40))
                .body("checks.find { it.name == 'edge-agent' }.data.policy_source", equalTo("kafka"));
    }

    @Test
    @Order(2)
    void invalidPolicyGoesToTheDeadLetterTopicWithItsReasonAndTheLastGoodPolicyStays() {
        String invalid = policy(41, 1.7);

        publish("default", invalid);

        assertDeadLettered("default", invalid, "routing.thresholds.offload: must be between 0 and 1, got 1.7");
        assertThat(store.policy().version()).isEqualTo(40);
    }

    @Test
    @Order(3)
    void aStalePolicyIsDeadLetteredAndOtherFleetsRecordsAreLeftToThem() {
        String stale = policy(39, 0.5);
        String otherFleets = policy(99, 0.5).replace("\"fleet\":\"default\"", "\"fleet\":\"other-fleet\"");
        publish("default", stale);
        publish("other-fleet", otherFleets);
        publish("default", policy(42, 0.66));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.policy().version() == 42);
        assertThat(store.policy().routing().thresholds().orElseThrow().offload()).isEqualTo(0.66);
        assertDeadLettered("default", stale, "stale policy: version 39 is not newer than version 40 in force for fleet 'default'");
        assertThat(deadLetters()).as("another fleet's policy is no error of this agent's")
                .noneMatch(r -> r.value().equals(otherFleets));
    }

    @Test
    @Order(4)
    void anUnsignedPolicyIsDeadLetteredAndChangesNothing() {
        String forged = policy(1000, 0.01);

        KafkaTopics.write(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "default", forged);

        assertDeadLettered("default", forged, "unsigned policy: the record has no edge-policy-signature header");
        assertThat(store.policy().version()).isEqualTo(42);
    }

    @Test
    @Order(5)
    void aPolicyAlteredAfterSigningIsDeadLetteredAndChangesNothing() {
        String signed = policy(1001, 0.9);
        String altered = policy(1001, 0.1);
        Map<String, byte[]> headers = PolicyTestKeys.PRIMARY.signer().headers(signed.getBytes(StandardCharsets.UTF_8));

        PolicyTestKeys.publish(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "default", altered, headers);

        assertDeadLettered("default", altered, "bad policy signature: it does not verify with key 'test-primary'");
        assertThat(store.policy().version()).isEqualTo(42);
    }

    @Test
    @Order(6)
    void aPolicySignedByAnUntrustedKeyIsDeadLetteredAndChangesNothing() {
        String intruders = policy(1002, 0.01);
        PolicySigner intruder = new PolicySigner("intruder", PolicySignatures.generateKeyPair().getPrivate());

        PolicyTestKeys.publish(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "default", intruders,
                intruder.headers(intruders.getBytes(StandardCharsets.UTF_8)));

        assertDeadLettered("default", intruders, "policy signed with unknown key id 'intruder'; trusted key ids: "
                + "[test-primary, test-rotation] (trust a key with edge.policy.public-keys.<key-id>)");
        assertThat(store.policy().version()).isEqualTo(42);
    }

    @Test
    @Order(7)
    void aPolicySignedForAnotherFleetCannotBeReplayedUnderThisFleetsKey() {
        String otherFleets = policy(1003, 0.01).replace("\"fleet\":\"default\"", "\"fleet\":\"other-fleet\"");

        publish("default", otherFleets);

        assertDeadLettered("default", otherFleets,
                "policy for fleet 'other-fleet' under key 'default': this agent is in fleet 'default' (edge.fleet)");
        assertThat(store.policy().version()).isEqualTo(42);
    }

    @Test
    @Order(8)
    void thePolicyInForceDeliveredAgainIsHarmlessAndAPolicySignedWithTheRotationKeyApplies() {
        String inForce = policy(42, 0.66);
        String sameVersionOtherContent = policy(42, 0.2);
        String rotated = policy(43, 0.66);
        publish("default", inForce);
        publish("default", sameVersionOtherContent);
        PolicyTestKeys.publish(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, "default", rotated,
                PolicyTestKeys.ROTATION.signer().headers(rotated.getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.policy().version() == 43);
        assertThat(store.policy().routing().thresholds().orElseThrow().offload()).isEqualTo(0.66);
        assertDeadLettered("default", sameVersionOtherContent,
                "stale policy: version 42 is not newer than version 42 in force for fleet 'default' (same version, other content)");
        assertThat(deadLetters()).as("a re-delivery of the policy in force is no error").noneMatch(r -> r.value().equals(inForce));
    }

    private static String policy(long version, double offload) {
        return "{\"version\":" + version + ",\"fleet\":\"default\",\"routing\":{\"thresholds\":{\"offload\":" + offload + "}}}";
    }

    /** Publishes as the gateway does: signed with the test key the test agent trusts. */
    private static void publish(String key, String value) {
        PolicyTestKeys.publishSigned(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, key, value);
    }

    private static void assertDeadLettered(String key, String value, String reason) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deadLetters())
                .filteredOn(r -> r.value().equals(value)).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.key()).isEqualTo(key);
                    assertThat(header(r, "dead-letter-reason")).contains(reason);
                }));
    }

    private static List<ConsumerRecord<String, String>> deadLetters() {
        return KafkaTopics.readRecords(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES_DLQ, Integer.MAX_VALUE,
                Duration.ofSeconds(2));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
