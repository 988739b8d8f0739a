package io.edgerouter.agent.api;

import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.protocol.openai.ChatMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device's model measuring requests for the router ({@code edge.routing.local-signals=on}) on the generated tiny
 * model, whose random weights find every prompt maximally surprising: a request the text alone keeps LOCAL moves to
 * OFFLOAD once the prefill has measured it, before any text went out, and while the cloud answers it holds no engine
 * slot.
 */
@QuarkusTest
@TestProfile(LocalSignalsRoutingTest.Measuring.class)
class LocalSignalsRoutingTest {

    private static final String EASY = "{\"model\":\"auto\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"What is the capital of France?\"}]}";

    @Inject
    EngineService engine;

    @BeforeEach
    @AfterEach
    void reset() {
        StandInCloud.reset();
    }

    @Test
    void anUnfamiliarPromptMovesOffTheDeviceAfterItsPrefill() {
        JsonPath dry = given().contentType(ContentType.JSON).body(EASY).post("/v1/route").then().statusCode(200)
                .extract().jsonPath();
        assertThat(dry.getString("route")).as("on its text, the request stays on the device").isEqualTo("LOCAL");

        CausalLm target = engine.engine().target();
        long positions0 = target.positionsRun();
        JsonPath r = given().contentType(ContentType.JSON).header("x-app-id", "measured").body(EASY)
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("route.route")).isEqualTo("OFFLOAD");
        assertThat(r.getList("route.reasons", String.class)).anyMatch(x -> x.startsWith("local_signals:surprisal="));
        assertThat(r.getString("choices[0].message.content")).contains("You wrote");
        assertThat(StandInCloud.RECEIVED).hasSize(1);
        int promptIds = engine.promptIds(List.of(ChatMessage.user("What is the capital of France?"))).length;
        assertThat(target.positionsRun() - positions0).as("the local model ran the prompt's prefill, nothing more")
                .isEqualTo(promptIds);
    }

    @Test
    void aMovedRequestHoldsNoEngineSlotWhileTheCloudAnswers() throws Exception {
        StandInCloud.delayMillis = 3000;
        CompletableFuture<JsonPath> moved = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .header("x-app-id", "moved").body(EASY).post("/v1/chat/completions").then().statusCode(200).extract().jsonPath());
        for (int i = 0; i < 250 && StandInCloud.RECEIVED.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(StandInCloud.RECEIVED).as("the cloud call is in flight").hasSize(1);
        assertThat(engine.slots().running()).as("engine slots held while the cloud answers").isZero();
        // edge.engine.max-concurrency=1: a LOCAL answer gets the one slot at once
        given().contentType(ContentType.JSON).body("{\"model\":\"local\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Say hi\"}]}").post("/v1/chat/completions").then().statusCode(200);
        assertThat(moved).as("the moved request is still waiting for the cloud").isNotDone();
        assertThat(moved.get(20, TimeUnit.SECONDS).getString("route.route")).isEqualTo("OFFLOAD");
    }

    /** The stand-in cloud's profile, with measurement forced on for the generated model. */
    public static class Measuring extends StandInCloud.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("edge.routing.local-signals", "on");
            return m;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return super.testResources();
        }
    }
}
