package io.edgerouter.gateway.shutdown;

import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls that outlive {@code gateway.shutdown.grace} are cancelled: a stream mid-answer ends with its usage so far, an
 * error event and {@code data: [DONE]}; a one-shot verify mid-continuation and a completion still waiting for a model
 * slot get a 503. The model here is the tiny generator's benchmark shape (16 layers), slow enough that 900 tokens take
 * seconds, so the calls are still running when the grace of half a second is over.
 */
@QuarkusTest
@TestProfile(ShutdownCancelTest.ShortGrace.class)
class ShutdownCancelTest {

    private static final String KEY = "test-key-edge-1";
    private static final int LONG = 900;

    @Inject
    GatewayModel model;

    @Inject
    GatewayShutdown shutdown;

    @Inject
    InFlightWork work;

    @TestHTTPResource("/v1/chat/completions")
    URI chatUrl;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void callsOutlivingTheGraceAreCutOffWithAnErrorBeforeTheModelCloses() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Future<?> stream = pool.submit(() -> streamInto(events));
        // real text, not the role chunk's empty content (sent before the stream takes a model slot): the stream must hold
        // a slot before the other two calls start, or the completion can take it and leave the stream waiting
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e -> e.matches(".*\"content\":\"[^\"].*")));
        int[] context = model.engine().textPrompt("Once upon a time");
        Future<Reply> verify = pool.submit(() -> post("/v1/verify", Map.of("tokenizer_hash", model.tokenizerHash(),
                "context_ids", Arrays.stream(context).boxed().toList(), "draft_ids", List.of(), "continue_max_tokens", LONG)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> work.inFlight() == 2 || verify.isDone() || stream.isDone());
        assertThat(verify.isDone()).as(() -> "the verify call ended before the shutdown: " + describe(verify)).isFalse();
        assertThat(stream.isDone()).as(() -> "the stream ended before the shutdown: " + events).isFalse();
        Future<Reply> waiting = pool.submit(() -> post("/v1/completions",
                "{\"model\":\"cloud\",\"prompt\":\"Once\",\"max_tokens\":" + LONG + "}"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> work.inFlight() == 3 || waiting.isDone());
        assertThat(waiting.isDone()).as(() -> "the waiting completion ended before the shutdown: " + describe(waiting)
                + "; in flight " + work.inFlight()).isFalse();

        assertThat(pool.submit(shutdown::drain).get(60, TimeUnit.SECONDS)).as("every call stopped within the cancel wait").isTrue();
        stream.get(10, TimeUnit.SECONDS);
        shutdown.close();

        assertThat(events).last().isEqualTo("[DONE]");
        JsonPath error = JsonPath.from(events.get(events.size() - 2));
        assertThat(error.getString("error.code")).as(() -> "the stream's last events: "
                + events.subList(Math.max(0, events.size() - 4), events.size())).isEqualTo("shutting_down");
        assertThat(error.getString("error.type")).isEqualTo("server_error");
        JsonPath usage = JsonPath.from(events.get(events.size() - 3));
        assertThat(usage.getList("choices")).isEmpty();
        assertThat(usage.getInt("usage.completion_tokens")).isBetween(1, LONG - 1);
        for (Reply refused : List.of(verify.get(10, TimeUnit.SECONDS), waiting.get(10, TimeUnit.SECONDS))) {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.retryAfter()).isEqualTo("1");
            assertThat(JsonPath.from(refused.body()).getString("error.code")).isEqualTo("shutting_down");
        }
        assertThat(model.closing()).isTrue();
    }

    /** A streamed chat of {@value #LONG} tokens with usage, read event by event. */
    private void streamInto(List<String> events) {
        // greedy: a sampled stream can draw the end-of-text token after a few tokens and finish before the shutdown
        String body = "{\"model\":\"cloud\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":" + LONG
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        HttpRequest request = HttpRequest.newBuilder(chatUrl).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body()
                    .filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).forEach(events::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Future<Reply> call) {
        try {
            Reply r = call.get();
            return r.status() + " " + r.body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** What a call got back. */
    private record Reply(int status, String retryAfter, String body) {
    }

    /**
     * Posts with a client of its own (not RestAssured's shared one: a connection pool other tests configured must not
     * hold these calls back before they reach the gateway).
     */
    private Reply post(String path, Object body) {
        try {
            String json = body instanceof String text ? text : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(chatUrl.resolve(path))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The benchmark-shaped tiny model, two slots, half a second of grace. */
    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("shutdown-cancel");
                TinyModels.Pair pair = TinyModels.generate(dir.resolve("bench"), TinyModelSpec.benchmark());
                return Map.of("gateway.model", pair.target().toString(), "gateway.data-dir", dir.toString(),
                        "gateway.engine.max-concurrency", "2",
                        "gateway.shutdown.grace", "500ms", "gateway.shutdown.cancel-wait", "20s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class));
        }
    }
}
