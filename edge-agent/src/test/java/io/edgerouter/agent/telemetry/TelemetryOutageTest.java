package io.edgerouter.agent.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@TestProfile(LateKafka.Profile.class)
class TelemetryOutageTest {

    @Test
    void telemetryBufferedWhileKafkaIsDownArrivesOnceItIsUp() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(given().contentType(ContentType.JSON)
                    .body("{\"model\":\"local\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"secret plan " + i + "\"}]}")
                    .post("/v1/chat/completions").then().statusCode(200).extract().path("id"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .containsPattern("edge_telemetry_buffered(\\{[^}]*\\})? 3\\.0"));

        String servers = LateKafka.startBroker();

        List<String> values = new ArrayList<>();
        KafkaTopics.read(servers, Topics.DECISIONS, 3, Duration.ofSeconds(60)).forEach(e -> values.add(e.getValue()));
        assertThat(values).hasSize(3);
        // ... and each exactly once: nothing more arrives.
        assertThat(KafkaTopics.read(servers, Topics.DECISIONS, 4, Duration.ofSeconds(5))).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        for (String v : values) {
            JsonNode r = json.readTree(v);
            assertThat(r.get("fleet").asText()).isEqualTo("outage-test");
            assertThat(r.get("route").asText()).isEqualTo("LOCAL");
            assertThat(r.get("request_id_hash").asText()).hasSize(16).isNotIn(ids);
            assertThat(v).doesNotContain("secret plan");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .containsPattern("edge_telemetry_buffered(\\{[^}]*\\})? 0\\.0"));
    }
}
