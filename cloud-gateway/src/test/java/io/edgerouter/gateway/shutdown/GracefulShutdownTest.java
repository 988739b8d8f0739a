package io.edgerouter.gateway.shutdown;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shutdown sequence inside the running app ({@link GatewayShutdown#close()}, what SIGTERM triggers): a verify call
 * and a stream in flight finish, readiness is DOWN and new calls get a 503 meanwhile, and only then does the model close.
 * The model's single slot is held by the test so that both calls are reliably in flight when shutdown begins.
 */
@QuarkusTest
@TestProfile(GracefulShutdownTest.OneSlot.class)
class GracefulShutdownTest {

    private static final String KEY = "test-key-edge-1";
    private static final String STREAM = "{\"model\":\"cloud\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":16,\"temperature\":0,\"stream\":true}";

    @Inject
    GatewayModel model;

    @Inject
    GatewayShutdown shutdown;

    @Inject
    InFlightWork work;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void callsInFlightFinishBeforeTheModelClosesWhileNewCallsGet503() throws Exception {
        int[] prompt;
        int[] greedy;
        try (LocalEngine reference = LocalEngine.open(LocalEngine.Options.of(model.targetDir(), null));
             Conversation chat = reference.newConversation()) {
            prompt = reference.chatPrompt(List.of(new ChatMessage("user", "Summarise: the fox jumps.")));
            greedy = chat.generate(GenerationRequest.of(prompt, 8, Decoding.VANILLA).withStops(reference.stopTokenIds(), List.of())).tokens();
        }
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> model.inSlot(() -> {
            holding.countDown();
            awaitQuietly(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> draft = verifyBody(prompt, Arrays.copyOf(greedy, 4));
        Future<JsonPath> verify = pool.submit(() -> post("/v1/verify", draft).statusCode(200).extract().jsonPath());
        Future<String> stream = pool.submit(() -> post("/v1/chat/completions", STREAM).statusCode(200).extract().asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> work.inFlight() == 2);

        Future<?> closing = pool.submit(shutdown::close);
        await().atMost(Duration.ofSeconds(10)).until(work::draining);

        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'cloud-gateway' }.data.shutting_down", equalTo(true));
        post("/v1/verify", draft).statusCode(503).header("Retry-After", "1")
                .body("error.type", equalTo("server_error")).body("error.code", equalTo("shutting_down"));
        post("/v1/chat/completions", STREAM).statusCode(503).contentType(ContentType.JSON)
                .body("error.code", equalTo("shutting_down"));
        Thread.sleep(300);
        assertThat(closing).as("shutdown waits for the calls in flight").isNotDone();
        assertThat(model.closing()).as("the model stays open while calls use it").isFalse();

        release.countDown();
        JsonPath verdict = verify.get(30, TimeUnit.SECONDS);
        List<String> events = stream.get(30, TimeUnit.SECONDS).lines()
                .filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(verdict.getInt("accepted")).isEqualTo(4);
        assertThat(verdict.getInt("next_token")).isEqualTo(greedy[4]);
        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(events).noneMatch(e -> e.contains("\"error\""));
        assertThat(JsonPath.from(events.get(events.size() - 2)).getString("choices[0].finish_reason")).isIn("stop", "length");
        assertThat(model.closing()).as("closed once the calls were answered").isTrue();
        post("/v1/verify", draft).statusCode(503).body("error.code", equalTo("shutting_down"));
    }

    private Map<String, Object> verifyBody(int[] context, int[] draft) {
        Map<String, Object> b = new HashMap<>();
        b.put("tokenizer_hash", model.tokenizerHash());
        b.put("context_ids", Arrays.stream(context).boxed().toList());
        b.put("draft_ids", Arrays.stream(draft).boxed().toList());
        return b;
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One model slot, so calls queue behind the one the test holds; a grace far longer than the test needs. */
    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.engine.max-concurrency", "1", "gateway.shutdown.grace", "60s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class));
        }
    }
}
