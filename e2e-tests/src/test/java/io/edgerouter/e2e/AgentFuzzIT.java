package io.edgerouter.e2e;

import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged agent from the outside: the official OpenAI Java SDK works against it unchanged, and
 * 10,000 random and malformed requests against the packaged agent (fuzzed JSON, wrong types, truncated and
 * byte-flipped bodies, invalid UTF-8, huge bodies, every endpoint): no 5xx, and the agent stays up and keeps
 * answering valid requests.
 */
class AgentFuzzIT {

    private static final java.nio.file.Path ROOT = java.nio.file.Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VALID = "{\"model\":\"local\",\"max_tokens\":2,\"temperature\":0,\"stream\":false,"
            + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"mail a@b.co\"}]}";
    private static final List<String> PATHS = List.of("/v1/chat/completions", "/v1/completions", "/v1/route", "/v1/privacy/analyze",
            "/v1/privacy/anonymize", "/v1/privacy/deanonymize", "/v1/feedback");
    private static final List<String> VALUES = List.of("null", "true", "-1", "0", "1e309", "\"\"", "\"x\"", "[]", "{}",
            "[1,\"a\",null]", "{\"a\":{\"b\":[{}]}}", "99999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "-0.0",
            "\"auto\"", "\"cloud\"", "\"verify\"", "[{\"role\":\"user\"}]", "[{\"role\":\"user\",\"content\":7}]");

    private static AppProcess agent;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        int port = AppProcess.freePort();
        base = "http://127.0.0.1:" + port;
        agent = AppProcess.start(ROOT.resolve("edge-agent/target/quarkus-app/quarkus-run.jar"), List.of(
                "-Dquarkus.http.port=" + port, "-Dedge.data-dir=" + Files.createTempDirectory("e2e-fuzz"),
                "-Dedge.engine.max-concurrency=2", "-Dedge.engine.max-queue=64"));
        agent.awaitHttpOk(base + "/q/health/ready", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    static byte[] mutate(Random rnd) {
        String json = VALID;
        switch (rnd.nextInt(10)) {
            case 0 -> { // a field's value replaced by a random value
                String[] fields = {"model", "max_tokens", "temperature", "stream", "messages", "top_p", "seed", "stop", "n", "user"};
                String f = fields[rnd.nextInt(fields.length)];
                String v = VALUES.get(rnd.nextInt(VALUES.size()));
                json = json.contains("\"" + f + "\":") ? json.replaceFirst("\"" + f + "\":(\"[^\"]*\"|[^,}]+|\\[.*\\])", "\"" + f + "\":" + v.replace("\\", "\\\\"))
                        : json.replaceFirst("\\{", "{\"" + f + "\":" + v.replace("\\", "\\\\") + ",");
            }
            case 1 -> json = json.substring(0, rnd.nextInt(json.length())); // truncated
            case 2 -> { // random bytes flipped (often invalid UTF-8)
                byte[] b = json.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return b;
            }
            case 3 -> json = VALUES.get(rnd.nextInt(VALUES.size())); // not an object
            case 4 -> json = json.replace("\"role\":\"user\"", "\"role\":\"" + "xyz".substring(rnd.nextInt(3)) + "\"");
            case 5 -> json = "{\"text\":" + VALUES.get(rnd.nextInt(VALUES.size())) + ",\"language\":\"en\",\"analyzer_results\":"
                    + VALUES.get(rnd.nextInt(VALUES.size())) + ",\"anonymizers\":" + VALUES.get(rnd.nextInt(VALUES.size())) + "}";
            case 6 -> json = "{\"completion_id\":" + VALUES.get(rnd.nextInt(VALUES.size())) + ",\"rating\":"
                    + VALUES.get(rnd.nextInt(VALUES.size())) + "}";
            case 7 -> json = "[".repeat(1 + rnd.nextInt(5000)); // deep nesting
            case 8 -> json = "{\"model\":\"local\",\"max_tokens\":2,\"prompt\":" + VALUES.get(rnd.nextInt(VALUES.size()))
                    + ",\"logprobs\":" + VALUES.get(rnd.nextInt(VALUES.size())) + ",\"echo\":" + VALUES.get(rnd.nextInt(VALUES.size())) + "}";
            default -> { // valid, sometimes streamed
                json = rnd.nextBoolean() ? VALID : VALID.replace("\"stream\":false", "\"stream\":true");
            }
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tenThousandRandomAndMalformedRequestsNever5xxAndTheAgentStaysUp() throws Exception {
        Random rnd = new Random(20261123);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, String> fiveHundreds = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(16);
        CompletableFuture<?>[] all = new CompletableFuture<?>[10_000];
        for (int i = 0; i < all.length; i++) {
            byte[] body = i % 2500 == 7 ? new byte[2 * 1024 * 1024] : mutate(rnd); // a few huge bodies
            String path = PATHS.get(rnd.nextInt(PATHS.size()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            inFlight.acquire();
            all[i] = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                inFlight.release();
                int status = e != null ? -1 : r.statusCode();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status >= 500 || status < 0) {
                    fiveHundreds.putIfAbsent(path + " " + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8),
                            e != null ? e.toString() : r.body());
                }
                return null;
            });
        }
        CompletableFuture.allOf(all).get();
        System.out.println("status counts: " + new TreeMap<>(statuses));
        assertThat(fiveHundreds).as("5xx or failed requests").isEmpty();
        assertThat(statuses.keySet()).contains(200).anyMatch(s -> s >= 400 && s < 500);
        assertThat(agent.isAlive()).isTrue();
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(VALID)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void theOfficialOpenAiJavaSdkWorksAgainstThePackagedAgentUnchanged() {
        com.openai.client.OpenAIClient client = com.openai.client.okhttp.OpenAIOkHttpClient.builder()
                .baseUrl(base + "/v1").apiKey("unused-on-loopback").maxRetries(0).build();
        com.openai.models.chat.completions.ChatCompletionCreateParams params =
                com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model("auto")
                        .addUserMessage("Rewrite: the quick brown fox").maxCompletionTokens(8).temperature(0.0).build();
        String text = client.chat().completions().create(params).choices().get(0).message().content().orElseThrow();
        StringBuilder streamed = new StringBuilder();
        try (var stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(streamed::append)));
        }
        assertThat(streamed.toString()).isEqualTo(text);
    }
}
