package io.edgerouter.gateway;

import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.testsupport.AppProcess;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM, as Kubernetes sends on every rollout, to the packaged gateway while verify calls and completions run on its
 * own model: the JVM exits cleanly (no SIGSEGV from ONNX Runtime closed under a forward pass), every call gets a
 * complete answer or an OpenAI-style error, and the log shows the order: drain while the HTTP server still answers
 * (readiness DOWN, new calls 503), then verify sessions closed, then the model, then Quarkus stops.
 *
 * <p>The model is the tiny generator's benchmark shape (16 layers), so 600 tokens take seconds and calls are in flight
 * at SIGTERM and outlive the grace of 3 s: both ways out (finished, cancelled) are exercised.
 */
class GracefulShutdownIT {

    private static final Path JAR = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app"), "quarkus-run.jar");
    private static final String KEY = "it-key";
    private static final int LONG = 600;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sigtermDuringVerifyAndCompletionCallsExitsCleanlyAndAnswersEveryCall(@TempDir Path dir) throws Exception {
        TinyModels.Pair pair = TinyModels.generate(dir.resolve("bench"), TinyModelSpec.benchmark());
        Path crashDir = Files.createDirectories(dir.resolve("crash"));
        int port = AppProcess.freePort();
        String base = "http://127.0.0.1:" + port;
        try (AppProcess app = AppProcess.start(JAR, List.of("-Dquarkus.http.port=" + port,
                "-Dgateway.agents.edge-1.key=" + KEY, "-Dgateway.model=" + pair.target(), "-Dgateway.data-dir=" + dir,
                "-Dgateway.engine.max-concurrency=2", "-Dgateway.shutdown.grace=3s", "-Dgateway.shutdown.cancel-wait=10s",
                "-XX:ErrorFile=" + crashDir.resolve("hs_err_pid%p.log")))) {
            app.awaitHttpOk(base + "/q/health/ready", Duration.ofSeconds(120));
            String hash = JsonPath.from(get(base + "/v1/models").body()).getString("data[0].tokenizer_hash");
            String context = "[79,110,99,101,32,117,112,111,110]"; // "Once upon" in the byte-level vocabulary
            HttpResponse<String> first = post(base + "/v1/verify", verify(hash, "s-kept", context, null));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(Call.stream(http, base + "/v1/chat/completions", "{\"model\":\"cloud\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"story " + i + "\"}],\"max_tokens\":" + LONG + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
            }
            calls.add(Call.stream(http, base + "/v1/completions", "{\"model\":\"cloud\",\"prompt\":\"Once\",\"max_tokens\":" + LONG
                    + ",\"stream\":true}"));
            calls.add(Call.whole(http, base + "/v1/completions", "{\"model\":\"cloud\",\"prompt\":\"Once\",\"max_tokens\":" + LONG + "}"));
            for (int i = 0; i < 2; i++) {
                calls.add(Call.whole(http, base + "/v1/verify", verify(hash, "s-" + i, context, LONG)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> calls.stream().anyMatch(c -> c.events.stream().anyMatch(e -> e.contains("\"content\":\""))));

            appProcess(port).destroy(); // SIGTERM

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> statusOf(base + "/q/health/ready") == 503);
            HttpResponse<String> late = post(base + "/v1/verify", verify(hash, "s-late", context, null));
            int exit = app.awaitExit(Duration.ofSeconds(90));
            String output = app.output();

            assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
            assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JsonPath.from(late.body()).getString("error.code")).isEqualTo("shutting_down");
            assertThat(exit).as("exit code; output:%n%s", output).isIn(0, 143);
            assertThat(output).doesNotContain("SIGSEGV").doesNotContain("A fatal error has been detected");
            try (Stream<Path> crashes = Files.list(crashDir)) {
                assertThat(crashes).as("hs_err files").isEmpty();
            }
            for (Call call : calls) {
                call.assertCompleteOrError();
            }
            assertThat(output).containsSubsequence("shutdown: readiness DOWN", "shutdown: no call in flight",
                    "verify sessions closed", "shutdown: model closed", "cloud-gateway stopped in");
        }
    }

    @Test
    void sigtermOnAnIdleGatewayClosesTheModelAndExits(@TempDir Path dir) throws Exception {
        int port = AppProcess.freePort();
        try (AppProcess app = AppProcess.start(JAR, List.of("-Dquarkus.http.port=" + port, "-Dgateway.agents.edge-1.key=" + KEY,
                "-Dgateway.data-dir=" + dir))) {
            app.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(120));

            appProcess(port).destroy(); // SIGTERM before any call: no bean beyond start-up's is created yet
            int exit = app.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code; output:%n%s", app.output()).isIn(0, 143);
            assertThat(app.output()).containsSubsequence("shutdown: no call in flight", "shutdown: 0 verify sessions closed",
                    "shutdown: model closed", "cloud-gateway stopped in").doesNotContain("shutdown sequence failed");
        }
    }

    /** The packaged app's process: the child of this JVM started with {@code port}. */
    private static ProcessHandle appProcess(int port) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("-Dquarkus.http.port=" + port))
                .findFirst().orElseThrow(() -> new IllegalStateException("no child process listening on " + port));
    }

    private static String verify(String hash, String session, String context, Integer continueMaxTokens) {
        return "{\"tokenizer_hash\":\"" + hash + "\",\"session_id\":\"" + session + "\",\"context_ids\":" + context
                + ",\"draft_ids\":[32,97]" + (continueMaxTokens == null ? "" : ",\"continue_max_tokens\":" + continueMaxTokens) + "}";
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(request(url, body), HttpResponse.BodyHandlers.ofString());
    }

    private int statusOf(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest request(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** One call in flight: a stream read event by event, or a whole answer. */
    private static final class Call {
        final String url;
        final boolean streamed;
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<String>> whole;
        final CompletableFuture<Void> done;

        private Call(String url, boolean streamed, CompletableFuture<HttpResponse<String>> whole, CompletableFuture<Void> done) {
            this.url = url;
            this.streamed = streamed;
            this.whole = whole;
            this.done = done;
        }

        static Call stream(HttpClient http, String url, String body) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Call call = new Call(url, true, null, done);
            http.sendAsync(request(url, body), HttpResponse.BodyHandlers.ofLines()).whenComplete((r, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                    return;
                }
                try (Stream<String> lines = r.body()) {
                    lines.filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).forEach(call.events::add);
                    done.complete(null);
                } catch (RuntimeException broken) {
                    done.completeExceptionally(broken);
                }
            });
            return call;
        }

        static Call whole(HttpClient http, String url, String body) {
            CompletableFuture<HttpResponse<String>> whole = http.sendAsync(request(url, body), HttpResponse.BodyHandlers.ofString());
            return new Call(url, false, whole, whole.thenApply(r -> null));
        }

        /** A stream ends with a finish (and usage) or an error event, then [DONE]; a whole answer is 200 or a 503 error body. */
        void assertCompleteOrError() throws Exception {
            done.get(30, TimeUnit.SECONDS);
            if (streamed) {
                assertThat(events).as("events of %s", url).last().isEqualTo("[DONE]");
                String end = events.stream().filter(e -> e.contains("\"error\"") || e.contains("\"finish_reason\":\""))
                        .reduce((a, b) -> b).orElse("");
                assertThat(end).as("finish or error event of %s: %s", url, events).isNotEmpty();
                if (end.contains("\"error\"")) {
                    assertThat(JsonPath.from(end).getString("error.code")).isEqualTo("shutting_down");
                }
                return;
            }
            HttpResponse<String> r = whole.get();
            assertThat(r.statusCode()).as("%s: %s", url, r.body()).isIn(200, 503);
            JsonPath body = JsonPath.from(r.body());
            if (r.statusCode() == 503) {
                assertThat(body.getString("error.code")).isEqualTo("shutting_down");
            } else if (url.endsWith("/v1/verify")) {
                assertThat(body.getString("finish_reason")).as(r.body()).isIn("stop", "length");
            } else {
                assertThat(body.getString("choices[0].finish_reason")).as(r.body()).isIn("stop", "length");
            }
        }
    }
}
