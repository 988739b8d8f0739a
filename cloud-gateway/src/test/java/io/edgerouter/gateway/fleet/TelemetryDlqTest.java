package io.edgerouter.gateway.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Telemetry the gateway cannot take in is not lost and does not stop the loop: it lands in
 * {@code edge.routing.telemetry.dlq} with the reason, and the valid records after it are counted (real broker).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TelemetryDlqTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void malformedDecisionsAndRatingsGoToTheDlqWithTheirReasonAndTheLoopGoesOn() throws Exception {
        String fleet = "fleet-dlq";
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        KafkaTopics.write(bootstrap, Topics.DECISIONS, fleet, "{not json");
        KafkaTopics.write(bootstrap, Topics.DECISIONS, fleet, "{\"fleet\":\"" + fleet + "\",\"route\":\"SIDEWAYS\"}");
        KafkaTopics.write(bootstrap, Topics.RATINGS, fleet, "[1,2,3]");
        DecisionRecord good = new DecisionRecord(fleet, "chat", "agent-hash", "dlq-req-1", 0, 1_700_000_000_000L, "LOCAL",
                0.2, true, List.of("score"), 1, "router-1", 50, 20, 10, 0, 0, 0);
        KafkaTopics.write(bootstrap, Topics.DECISIONS, fleet, JSON.writeValueAsString(good));

        List<ConsumerRecord<String, String>> dlq = KafkaTopics.readRecords(bootstrap, Topics.TELEMETRY_DLQ, 3, Duration.ofSeconds(30));
        assertThat(dlq).anySatisfy(r -> {
            assertThat(r.value()).isEqualTo("{not json");
            assertThat(r.key()).isEqualTo(fleet);
            assertThat(header(r, "dead-letter-reason")).contains("not a decision record");
            assertThat(header(r, "dead-letter-topic")).isEqualTo(Topics.DECISIONS);
        });
        assertThat(dlq).anySatisfy(r -> assertThat(header(r, "dead-letter-reason")).contains("a route in"));
        assertThat(dlq).anySatisfy(r -> {
            assertThat(r.value()).isEqualTo("[1,2,3]");
            assertThat(header(r, "dead-letter-reason")).contains("not a rating record");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2("test-key-operator").when().get("/v1/fleet/" + fleet + "/stats")
                        .then().statusCode(200).body("total.decisions", equalTo(1)));
    }
}
