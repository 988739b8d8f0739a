package io.edgerouter.gateway.chat;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /v1/completions} answered by the gateway's own model: what an agent's OFFLOAD of a text completion gets. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class OwnModelTextCompletionsTest {

    private static final String KEY = "test-key-edge-1";
    private static final String PROMPT = "Once upon a time";
    private static final String BODY = "{\"model\":\"cloud\",\"prompt\":\"" + PROMPT + "\",\"max_tokens\":12,\"temperature\":0%s}";

    @Inject
    GatewayModel model;

    private static JsonPath post(String body) {
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body)
                .when().post("/v1/completions").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void greedyCompletionIsTheModelsGreedyContinuationOfThePrompt() {
        JsonPath r = post(BODY.formatted(""));

        assertThat(r.getString("object")).isEqualTo("text_completion");
        assertThat(r.getString("id")).startsWith("cmpl-");
        assertThat(r.getString("choices[0].text")).isEqualTo(referenceGreedyText());
        assertThat(r.getString("choices[0].logprobs")).isNull();
        assertThat(r.getInt("usage.total_tokens")).isEqualTo(r.getInt("usage.prompt_tokens") + r.getInt("usage.completion_tokens"));
    }

    @Test
    void streamedCompletionAddsUpToTheSameTextAndEndsWithDone() {
        String sse = given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body(BODY.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .when().post("/v1/completions")
                .then().statusCode(200).contentType(startsWith("text/event-stream")).extract().asString();

        List<String> events = sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 2)) {
            JsonPath chunk = JsonPath.from(e);
            assertThat(chunk.getString("object")).isEqualTo("text_completion");
            text.append(chunk.getString("choices[0].text"));
        }
        assertThat(text.toString()).isEqualTo(referenceGreedyText());
        assertThat(JsonPath.from(events.get(events.size() - 2)).getInt("usage.completion_tokens")).isPositive();
    }

    @Test
    void logprobsNameEveryTokenWithTheMostLikelyAlternativesFirst() {
        JsonPath r = post(BODY.formatted(",\"logprobs\":4"));
        List<String> tokens = r.getList("choices[0].logprobs.tokens", String.class);
        List<Float> logprobs = r.getList("choices[0].logprobs.token_logprobs", Float.class);
        List<Map<String, Float>> top = r.getList("choices[0].logprobs.top_logprobs");

        assertThat(tokens).hasSize(r.getInt("usage.completion_tokens")).hasSameSizeAs(logprobs).hasSameSizeAs(top);
        assertThat(String.join("", tokens)).isEqualTo(r.getString("choices[0].text"));
        assertThat(r.getList("choices[0].logprobs.text_offset", Integer.class).get(0)).isEqualTo(PROMPT.length());
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(logprobs.get(i)).isLessThanOrEqualTo(0f);
            assertThat(new ArrayList<>(top.get(i).values())).hasSizeBetween(1, 4).isSortedAccordingTo((a, b) -> Float.compare(b, a));
            assertThat(top.get(i).get(tokens.get(i))).isEqualTo(logprobs.get(i)); // greedy: the chosen token is listed
        }
    }

    @Test
    void echoPutsThePromptBeforeTheContinuation() {
        assertThat(post(BODY.formatted(",\"echo\":true")).getString("choices[0].text")).isEqualTo(PROMPT + referenceGreedyText());
    }

    @Test
    void aTokenIdOutsideTheVocabularyIs400NamingItsPosition() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{\"prompt\":[1,2," + model.vocabSize() + "]}")
                .when().post("/v1/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("prompt[2]"))
                .body("error.message", containsString("below the model's vocabulary size " + model.vocabSize()));
    }

    @Test
    void withoutAnAgentKeyItIs401() {
        given().contentType(ContentType.JSON).body(BODY.formatted("")).when().post("/v1/completions")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
    }

    private String referenceGreedyText() {
        try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(model.targetDir(), null));
             Conversation conversation = engine.newConversation()) {
            return conversation.generate(GenerationRequest.of(engine.textPrompt(PROMPT), 12, Decoding.VANILLA)
                    .withStops(engine.stopTokenIds(), List.of())).text();
        }
    }
}
