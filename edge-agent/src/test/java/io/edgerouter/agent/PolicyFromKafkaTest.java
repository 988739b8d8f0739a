package io.edgerouter.agent;

import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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

        List<ConsumerRecord<String, String>> dlq = KafkaTopics.readRecords(KafkaBrokerResource.bootstrapServers(),
                Topics.POLICIES_DLQ, 1, Duration.ofSeconds(20));
        assertThat(dlq).anySatisfy(r -> {
            assertThat(r.value()).isEqualTo(invalid);
            assertThat(r.key()).isEqualTo("default");
            assertThat(header(r, "dead-letter-reason")).contains("routing.thresholds.offload: must be between 0 and 1, got 1.7");
        });
        assertThat(store.policy().version()).isEqualTo(40);
    }

    @Test
    @Order(3)
    void olderVersionAndOtherFleetsAreIgnored() {
        publish("default", policy(39, 0.5));
        publish("other-fleet", policy(99, 0.5).replace("\"fleet\":\"default\"", "\"fleet\":\"other-fleet\""));
        publish("default", policy(42, 0.66));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.policy().version() == 42);
        assertThat(store.policy().routing().thresholds().orElseThrow().offload()).isEqualTo(0.66);
    }

    private static String policy(long version, double offload) {
        return "{\"version\":" + version + ",\"fleet\":\"default\",\"routing\":{\"thresholds\":{\"offload\":" + offload + "}}}";
    }

    private static void publish(String key, String value) {
        KafkaTopics.write(KafkaBrokerResource.bootstrapServers(), Topics.POLICIES, key, value);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
