package io.edgerouter.agent.api;

import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /v1/completions} on the device: the legacy OpenAI shape, streaming, logprobs, stops, token-id prompts, 400s. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class CompletionsTest {

    static final String PROMPT = "Once upon a time the cat";

    @Inject
    EngineService engine;

    static String completion(String model, String promptJson, int maxTokens, String extra) {
        return "{\"model\":\"" + model + "\",\"prompt\":" + promptJson + ",\"max_tokens\":" + maxTokens
                + ",\"temperature\":0" + extra + "}";
    }

    static JsonPath post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/completions")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aLocalCompletionHasTheLegacyOpenAiShapeUsageAndRoute() {
        given().contentType(ContentType.JSON).body(completion("local", "\"" + PROMPT + "\"", 12, ""))
                .post("/v1/completions")
                .then().statusCode(200)
                .header("x-route", startsWith("LOCAL"))
                .header("x-edge-overhead-ms", notNullValue())
                .body("object", equalTo("text_completion"))
                .body("id", startsWith("cmpl-"))
                .body("model", equalTo("local"))
                .body("choices[0].index", equalTo(0))
                .body("choices[0].text", notNullValue())
                .body("choices[0].finish_reason", notNullValue())
                .body("choices[0].logprobs", nullValue())
                .body("usage.prompt_tokens", equalTo(engine.engine().textPrompt(PROMPT).length))
                .body("usage.completion_tokens", greaterThan(0))
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("forced:request"));
    }

    @Test
    void streamedTextDeltasAddUpToThePlainTextAndEndWithDone() {
        String plain = post(completion("auto", "\"" + PROMPT + "\"", 16, "")).getString("choices[0].text");

        Response streamed = given().contentType(ContentType.JSON)
                .body(completion("auto", "\"" + PROMPT + "\"", 16, ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .post("/v1/completions");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.contentType()).startsWith("text/event-stream");
        assertThat(streamed.header("x-route")).isNotBlank();
        List<String> events = events(streamed.asString());
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        int usage = 0;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonPath chunk = new JsonPath(e);
            assertThat(chunk.getString("object")).isEqualTo("text_completion");
            if (chunk.getList("choices").isEmpty()) {
                usage = chunk.getInt("usage.completion_tokens");
                continue;
            }
            text.append(chunk.getString("choices[0].text"));
            finish = finish == null ? chunk.getString("choices[0].finish_reason") : finish;
        }
        assertThat(text.toString()).isEqualTo(plain);
        assertThat(finish).isIn("stop", "length");
        assertThat(usage).isPositive();
    }

    @Test
    void logprobsGiveEveryTokenItsLogprobTheMostLikelyAlternativesAndItsOffset() {
        JsonPath r = post(completion("local", "\"" + PROMPT + "\"", 10, ",\"logprobs\":3"));
        List<String> tokens = r.getList("choices[0].logprobs.tokens", String.class);
        List<Float> logprobs = r.getList("choices[0].logprobs.token_logprobs", Float.class);
        List<Map<String, Float>> top = r.getList("choices[0].logprobs.top_logprobs");
        List<Integer> offsets = r.getList("choices[0].logprobs.text_offset", Integer.class);

        assertThat(tokens).hasSize(r.getInt("usage.completion_tokens")).hasSameSizeAs(logprobs).hasSameSizeAs(top).hasSameSizeAs(offsets);
        assertThat(String.join("", tokens)).isEqualTo(r.getString("choices[0].text"));
        int offset = PROMPT.length();
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(logprobs.get(i)).isLessThanOrEqualTo(0f);
            assertThat(top.get(i)).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            List<Float> alternatives = new ArrayList<>(top.get(i).values());
            assertThat(alternatives).isSortedAccordingTo((a, b) -> Float.compare(b, a));
            // temperature 0: the chosen token is the most likely one, so it heads its alternatives with its own logprob
            assertThat(top.get(i).keySet().iterator().next()).isEqualTo(tokens.get(i));
            assertThat(top.get(i).get(tokens.get(i))).isEqualTo(logprobs.get(i));
            assertThat(offsets.get(i)).isEqualTo(offset);
            offset += tokens.get(i).length();
        }
    }

    @Test
    void streamedLogprobsAreThePlainOnesOneTokenPerChunk() {
        String body = completion("local", "\"" + PROMPT + "\"", 8, ",\"logprobs\":2");
        List<Object> plain = post(body).getList("choices[0].logprobs.tokens");
        List<Object> streamed = new ArrayList<>();
        String sse = given().contentType(ContentType.JSON).body(body.replace("}", ",\"stream\":true}"))
                .post("/v1/completions").then().statusCode(200).extract().asString();
        for (String e : events(sse)) {
            if (!e.equals("[DONE]") && new JsonPath(e).get("choices[0].logprobs") != null) {
                List<Object> chunkTokens = new JsonPath(e).getList("choices[0].logprobs.tokens");
                assertThat(chunkTokens).hasSize(1);
                streamed.addAll(chunkTokens);
            }
        }
        assertThat(streamed).isEqualTo(plain);
    }

    @Test
    void aStopStringEndsTheTextJustBeforeIt() {
        String full = post(completion("local", "\"" + PROMPT + "\"", 16, "")).getString("choices[0].text");
        assertThat(full).as("the tiny model's greedy continuation").hasSizeGreaterThan(4);
        String stop = full.substring(3, 5);

        JsonPath cut = post(completion("local", "\"" + PROMPT + "\"", 16, ",\"stop\":[" + json(stop) + "]"));

        assertThat(cut.getString("choices[0].text")).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(cut.getString("choices[0].finish_reason")).isEqualTo("stop");
    }

    @Test
    void tokenIdPromptsAreUsedAsGivenAndNeverLeaveTheDevice() {
        int[] ids = engine.engine().textPrompt(PROMPT);
        String asIds = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));

        JsonPath byIds = post(completion("auto", asIds, 10, ""));
        JsonPath byText = post(completion("local", "\"" + PROMPT + "\"", 10, ""));

        assertThat(byIds.getString("choices[0].text")).isEqualTo(byText.getString("choices[0].text"));
        assertThat(byIds.getInt("usage.prompt_tokens")).isEqualTo(ids.length);
        assertThat(byIds.getString("route.route")).isEqualTo("LOCAL");
        assertThat(byIds.getList("route.reasons")).containsExactly("prompt:token_ids");
    }

    @Test
    void anEmptyPromptStartsFromTheModelsBosToken() {
        assertThat(engine.engine().bosTokenId()).as("the tiny model has a BOS token").isNotNegative();
        JsonPath r = post(completion("auto", "\"\"", 4, ""));
        assertThat(r.getInt("usage.prompt_tokens")).isEqualTo(1);
        assertThat(r.getList("route.reasons")).containsExactly("prompt:empty");
    }

    @Test
    void echoStartsTheTextWithThePrompt() {
        JsonPath plain = post(completion("local", "\"" + PROMPT + "\"", 6, ""));
        JsonPath echoed = post(completion("local", "[\"" + PROMPT + "\"]", 6, ",\"echo\":true"));
        assertThat(echoed.getString("choices[0].text")).isEqualTo(PROMPT + plain.getString("choices[0].text"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing prompt       | {\"model\":\"auto\"}                                   | prompt     | prompt: is required",
            "number prompt        | {\"prompt\":42}                                        | prompt     | prompt: must be a string, an array of token ids or an array holding one string, got number",
            "several prompts      | {\"prompt\":[\"a\",\"b\"]}                             | prompt     | prompt: must hold one string, got 2",
            "batch of id arrays   | {\"prompt\":[[1,2]]}                                   | prompt[0]  | prompt[0]: must be a token id (an integer ≥ 0), got array",
            "negative token id    | {\"prompt\":[5,-1]}                                    | prompt[1]  | prompt[1]: must be a token id (an integer ≥ 0), got -1",
            "id past vocabulary   | {\"prompt\":[5,999999]}                                | prompt[1]  | prompt[1]: must be a token id below the model's vocabulary size",
            "empty id array       | {\"prompt\":[]}                                        | prompt     | prompt: must not be an empty array",
            "logprobs too many    | {\"prompt\":\"hi\",\"logprobs\":21}                    | logprobs   | logprobs: must be between 0 and 20, got 21",
            "logprobs boolean     | {\"prompt\":\"hi\",\"logprobs\":true}                  | logprobs   | logprobs: must be an integer, got boolean",
            "echo with logprobs   | {\"prompt\":\"hi\",\"logprobs\":1,\"echo\":true}       | echo       | echo: cannot be combined with logprobs",
            "suffix               | {\"prompt\":\"hi\",\"suffix\":\"end\"}                 | suffix     | suffix: is not supported",
            "unknown model        | {\"prompt\":\"hi\",\"model\":\"gpt-9\"}                | model      | model: must be one of auto, local, verify, cloud",
            "max_tokens zero      | {\"prompt\":\"hi\",\"max_tokens\":0}                   | max_tokens | max_tokens: must be between 1 and 32768",
            "unknown field        | {\"prompt\":\"hi\",\"tools\":[]}                       | tools      | tools: unknown field",
    })
    void badRequestsGet400WithAnOpenAiErrorNamingTheField(String name, String body, String param, String message) {
        given().contentType(ContentType.JSON).body(body).post("/v1/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param.trim()))
                .body("error.message", containsString(message.trim()));
    }

    static List<String> events(String sse) {
        List<String> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        return events;
    }

    private static String json(String s) {
        return new com.fasterxml.jackson.databind.node.TextNode(s).toString();
    }
}
