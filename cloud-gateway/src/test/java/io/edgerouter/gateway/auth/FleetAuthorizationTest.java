package io.edgerouter.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Keys are bound to fleets ({@code gateway.agents.<id>.fleets} in the test configuration: edge-1 reads fleet-put and
 * fleet-edge, the operator every fleet, limited none); a fleet nobody declared cannot be created by a typo; app ids
 * from telemetry are bounded per fleet.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class FleetAuthorizationTest {

    private static final String OPERATOR = "test-key-operator";
    private static final String EDGE = "test-key-edge-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String policy(String fleet, long version) {
        return "{\"version\": " + version + ", \"fleet\": \"" + fleet + "\", \"routing\": {\"target\": {\"offload_share\": 0.1}}}";
    }

    @Test
    void anAgentKeyReadsOnlyTheFleetsItIsBoundTo() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(policy("fleet-edge", 1))
                .when().put("/v1/policies/fleet-edge").then().statusCode(200);
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(policy("fleet-a", 1))
                .when().put("/v1/policies/fleet-a").then().statusCode(200);

        given().auth().oauth2(EDGE).when().get("/v1/policies/fleet-edge").then().statusCode(200).body("fleet", equalTo("fleet-edge"));
        given().auth().oauth2(EDGE).when().get("/v1/policies/fleet-a").then().statusCode(403)
                .body("error.code", equalTo("fleet_forbidden"))
                .body("error.message", containsString("gateway.agents.edge-1.fleets"));
        given().auth().oauth2(EDGE).when().get("/v1/fleet/fleet-a/stats").then().statusCode(403)
                .body("error.code", equalTo("fleet_forbidden"));
        // a refused caller learns nothing about whether a fleet exists: the same 403 for one that does not
        given().auth().oauth2(EDGE).when().get("/v1/policies/no-such-fleet").then().statusCode(403)
                .body("error.code", equalTo("fleet_forbidden"));
        given().auth().oauth2("test-key-limited").when().get("/v1/policies/fleet-edge").then().statusCode(403)
                .body("error.message", containsString("no fleet"));
    }

    @Test
    void aPolicyForAFleetNobodyDeclaredIs404() {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(policy("flet-typo", 1))
                .when().put("/v1/policies/flet-typo").then().statusCode(404)
                .body("error.code", equalTo("fleet_not_found"))
                .body("error.message", containsString("gateway.fleets"));
        given().auth().oauth2(OPERATOR).when().get("/v1/policies/flet-typo").then().statusCode(404);
    }

    @Test
    void appsBeyondTheBoundAndMalformedAppIdsAreCountedAsOther() throws Exception {
        String fleet = "fleet-apps";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            List<String> apps = List.of("app-1", "app-2", "app-3", "app-4", "app-5", "bad app\nid", "x".repeat(65), "app-1");
            for (int i = 0; i < apps.size(); i++) {
                DecisionRecord d = new DecisionRecord(fleet, apps.get(i), "agent-hash", "apps-req-" + i, 0,
                        1_700_000_000_000L + i, "LOCAL", 0.1, true, List.of("score"), 1, "router-1", 50, 20, 10, 0, 0, 0);
                producer.send(new ProducerRecord<>(Topics.DECISIONS, fleet, JSON.writeValueAsString(d))).get();
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(OPERATOR).when().get("/v1/fleet/" + fleet + "/stats")
                        .then().statusCode(200).body("total.decisions", equalTo(8)));
        JsonPath stats = given().auth().oauth2(OPERATOR).when().get("/v1/fleet/" + fleet + "/stats").then().extract().jsonPath();
        Map<String, Object> byApp = stats.getMap("apps");
        assertThat(byApp).containsOnlyKeys("app-1", "app-2", "app-3", "(other)");
        assertThat(stats.getLong("apps.'app-1'.decisions")).isEqualTo(2);
        assertThat(stats.getLong("apps.'(other)'.decisions")).isEqualTo(4);
    }
}
