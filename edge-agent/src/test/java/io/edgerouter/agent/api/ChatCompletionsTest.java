package io.edgerouter.agent.api;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ChatCompletionsTest {

    static String chat(String model, String content, int maxTokens, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    @Test
    void localCompletionHasOpenAiShapeUsageAndRoute() {
        given().contentType(ContentType.JSON).body(chat("local", "Say hello to the team", 12, false))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .header("x-route", startsWith("LOCAL"))
                .header("x-edge-overhead-ms", notNullValue())
                .body("object", equalTo("chat.completion"))
                .body("id", startsWith("chatcmpl-"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", notNullValue())
                .body("choices[0].finish_reason", notNullValue())
                .body("usage.prompt_tokens", greaterThan(0))
                .body("usage.total_tokens", greaterThan(0))
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons.size()", greaterThan(0));
    }

    /** The app id keys caches, vaults and fleet telemetry: a malformed or oversized one is refused up front. */
    @Test
    void aMalformedAppIdIsA400NamingTheHeader() {
        for (String app : new String[] {"two words", "x".repeat(65), "-leading-dash", "caf\u00e9"}) {
            given().contentType(ContentType.JSON).header("x-app-id", app).body(chat("local", "Say hi", 4, false))
                    .post("/v1/chat/completions")
                    .then().statusCode(400)
                    .body("error.param", equalTo("x-app-id"))
                    .body("error.message", org.hamcrest.Matchers.containsString("letters, digits"));
        }
        given().contentType(ContentType.JSON).header("x-app-id", "notes.app_v2-1").body(chat("local", "Say hi", 4, false))
                .post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void streamedAnswerEqualsThePlainAnswerAndEndsWithDone() {
        String body = chat("local", "Summarise: the cat sat on the mat", 16, false);
        String plain = given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(200).extract().path("choices[0].message.content");

        Response streamed = given().contentType(ContentType.JSON)
                .body(chat("local", "Summarise: the cat sat on the mat", 16, true).replace("\"stream\":true",
                        "\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .post("/v1/chat/completions");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.contentType()).startsWith("text/event-stream");
        assertThat(streamed.header("x-route")).startsWith("LOCAL");
        List<String> events = new ArrayList<>();
        for (String line : streamed.asString().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        boolean sawFinish = false;
        boolean sawUsage = false;
        for (String e : events.subList(0, events.size() - 1)) {
            io.restassured.path.json.JsonPath j = new io.restassured.path.json.JsonPath(e);
            assertThat(j.getString("object")).isEqualTo("chat.completion.chunk");
            if (j.getList("choices").isEmpty()) {
                sawUsage = j.getInt("usage.completion_tokens") > 0;
                continue;
            }
            String delta = j.getString("choices[0].delta.content");
            if (delta != null) {
                text.append(delta);
            }
            sawFinish |= j.getString("choices[0].finish_reason") != null;
        }
        assertThat(text.toString()).isEqualTo(plain);
        assertThat(sawFinish).isTrue();
        assertThat(sawUsage).isTrue();
    }

    @Test
    void cloudWithoutACloudIsAnsweredLocallyAndSaysWhy() {
        given().contentType(ContentType.JSON).body(chat("cloud", "What is the capital of France?", 8, false))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("cloud_unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON     | {\"messages\":[                                                      | not valid JSON",
            "missing messages   | {\"model\":\"auto\"}                                                  | messages: is required",
            "wrong type         | {\"messages\":\"hi\"}                                                 | messages: must be an array",
            "role-less message  | {\"messages\":[{\"content\":\"hi\"}]}                                | messages[0].role: is required",
            "unknown model      | {\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | model: must be one of auto, local, verify, cloud",
            "max_tokens too big | {\"max_tokens\":100000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens: must be between 1 and 32768",
            "max_tokens zero    | {\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | max_tokens: must be between 1 and 32768",
            "temperature string | {\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]} | temperature: must be a number",
    })
    void badRequestsGet400WithAnOpenAiErrorNamingTheField(String name, String body, String message) {
        given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString(message.trim()));
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi X\"}]}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 5] = (byte) 0xFF;
        given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", containsString("not valid UTF-8"));
    }

    @Test
    void bodyOverTheLimitIs413WithAnErrorBody() {
        String big = "x".repeat(1_100_000);
        given().contentType(ContentType.JSON).body(chat("local", big, 4, false)).post("/v1/chat/completions")
                .then().statusCode(413).body("error.message", containsString("larger than the limit"));
    }

    @Test
    void promptLongerThanTheContextIs400NotA500() {
        String longPrompt = "word ".repeat(5000);
        given().contentType(ContentType.JSON).body(chat("local", longPrompt, 8, false)).post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", notNullValue());
    }

    @Test
    void routeDryRunReturnsTheDecisionWithoutGenerating() {
        given().contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"1. Translate 'good morning' into French.\\n2. Prove that there are infinitely many primes.\"}]}")
                .post("/v1/route")
                .then().statusCode(200)
                .body("route", notNullValue())
                .body("score", notNullValue())
                .body("subtasks.size()", greaterThan(1))
                .body("subtasks[0].text", containsString("Translate"))
                .body("policy_version", notNullValue())
                .body("latency_ms", notNullValue());
    }

    @Test
    void modelsListsTheRoutesWithTheTokenizerHash() {
        given().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem("auto"))
                .body("data.id", hasItem("cloud"))
                .body("data[0].tokenizer_hash", org.hamcrest.Matchers.matchesPattern("sha256:[0-9a-f]{64}"));
    }

    @Test
    void feedbackForAKnownCompletionIsAcceptedAndUnknownIs404() {
        String id = given().contentType(ContentType.JSON).body(chat("local", "Rate me", 4, false))
                .post("/v1/chat/completions").then().statusCode(200).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"completion_id\":\"" + id + "\",\"rating\":1}")
                .post("/v1/feedback").then().statusCode(202).body("status", equalTo("accepted"));
        given().contentType(ContentType.JSON).body("{\"completion_id\":\"chatcmpl-nope\",\"rating\":1}")
                .post("/v1/feedback").then().statusCode(404).body("error.message", containsString("chatcmpl-nope"));
        given().contentType(ContentType.JSON).body("{\"completion_id\":\"" + id + "\",\"rating\":5}")
                .post("/v1/feedback").then().statusCode(400).body("error.message", containsString("rating: must be between -1 and 1"));
    }

    @Test
    void presidioCompatibleAnalyzeAnonymizeDeanonymize() {
        String text = "Mail jane.doe@example.com or call +44 20 7946 0958";
        given().contentType(ContentType.JSON).body("{\"text\":\"" + text + "\",\"language\":\"en\"}")
                .post("/v1/privacy/analyze")
                .then().statusCode(200)
                .body("entity_type", hasItem("EMAIL_ADDRESS"))
                .body("entity_type", hasItem("PHONE_NUMBER"))
                .body("find { it.entity_type == 'EMAIL_ADDRESS' }.start", equalTo(5));
        String anonymized = given().contentType(ContentType.JSON).header("x-conversation-id", "conv-1")
                .body("{\"text\":\"" + text + "\",\"analyzer_results\":[{\"entity_type\":\"EMAIL_ADDRESS\",\"start\":5,\"end\":25,\"score\":1.0}],"
                        + "\"anonymizers\":{\"DEFAULT\":{\"type\":\"replace\"}}}")
                .post("/v1/privacy/anonymize")
                .then().statusCode(200)
                .body("items[0].entity_type", equalTo("EMAIL_ADDRESS"))
                .extract().path("text");
        assertThat(anonymized).doesNotContain("jane.doe@example.com");
        given().contentType(ContentType.JSON).body("{\"text\":42}").post("/v1/privacy/analyze")
                .then().statusCode(400).body("error.message", containsString("text"));
    }
}
