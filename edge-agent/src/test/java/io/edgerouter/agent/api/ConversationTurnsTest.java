package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.protocol.openai.ChatMessage;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A 5-turn conversation over HTTP with {@code x-conversation-id}: from the second turn on the agent prefills only the
 * turn's new tokens (OpenAI's {@code usage.prompt_tokens_details.cached_tokens} says how many came from the KV cache),
 * and every answer is the one a fresh KV cache gives.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ConversationTurnsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 10;
    private static final String[] TURNS = {
        "Plan a short walk along the river for Saturday morning",
        "How long will it take?",
        "What should I bring?",
        "And if it rains?",
        "Thanks, summarise it in one line.",
    };

    @Inject
    EngineService engine;

    @Test
    void eachFollowUpTurnPrefillsOnlyItsNewTokens() throws Exception {
        List<ChatMessage> messages = new ArrayList<>();
        int previousPrompt = 0;
        int previousCompletion = 0;
        int prefilled = 0;
        int withoutCache = 0;
        for (int turn = 0; turn < TURNS.length; turn++) {
            messages.add(ChatMessage.user(TURNS[turn]));
            JsonPath answer = new JsonPath(given().contentType(ContentType.JSON)
                    .header("x-app-id", "walks").header("x-conversation-id", "conversation-5-turns")
                    .body(body(messages)).post("/v1/chat/completions")
                    .then().statusCode(200).extract().asString());
            int prompt = answer.getInt("usage.prompt_tokens");
            Integer cached = answer.get("usage.prompt_tokens_details.cached_tokens");
            String text = answer.getString("choices[0].message.content");
            int[] ids = engine.promptIds(messages);
            assertThat(prompt).isEqualTo(ids.length);
            assertThat(text).as("turn %d: the same answer as from a fresh KV cache", turn + 1)
                    .isEqualTo(engine.generate(ids, settings(), TokenListener.NONE, () -> false).text());
            if (turn == 0) {
                assertThat(cached).as("nothing cached on the first turn").isNull();
            } else {
                // the new part of the prompt: the previous answer's end of turn, the new user turn, the assistant header
                int newPart = prompt - previousPrompt - previousCompletion;
                assertThat(cached).as("turn %d reuses the previous prompt and answer", turn + 1)
                        .isGreaterThanOrEqualTo(previousPrompt);
                assertThat(prompt - cached).as("turn %d prefills only its new tokens (%d), or one more when the last"
                        + " answer ended at max_tokens", turn + 1, newPart).isBetween(newPart, newPart + 1);
            }
            prefilled += prompt - (cached == null ? 0 : cached);
            withoutCache += prompt;
            previousPrompt = prompt;
            previousCompletion = answer.getInt("usage.completion_tokens");
            messages.add(ChatMessage.assistant(text));
        }
        assertThat(prefilled).as("prefilled over 5 turns vs %d without the cache", withoutCache).isLessThan(withoutCache / 2);
    }

    @Test
    void anotherAppNeverContinuesThisAppsConversation() throws Exception {
        List<ChatMessage> messages = List.of(ChatMessage.user("Describe the old bridge in town in two sentences"));
        given().contentType(ContentType.JSON).header("x-app-id", "app-a").header("x-conversation-id", "shared-id")
                .body(body(messages)).post("/v1/chat/completions").then().statusCode(200);
        Object cached = new JsonPath(given().contentType(ContentType.JSON).header("x-app-id", "app-b")
                .header("x-conversation-id", "shared-id").body(body(messages)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString()).get("usage.prompt_tokens_details");
        assertThat(cached).isNull();
    }

    @Test
    void aBadConversationIdIs400NamingTheHeader() {
        given().contentType(ContentType.JSON).header("x-conversation-id", "has space")
                .body("{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("x-conversation-id (header)"))
                .body("error.message", containsString("printable ASCII"));
    }

    private EngineService.GenerationSettings settings() {
        return new EngineService.GenerationSettings(MAX, io.edgerouter.engine.sampling.SamplingParams.greedy(),
                engine.chatStops(List.of()), null);
    }

    private static String body(List<ChatMessage> messages) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "local").put("max_tokens", MAX);
        ArrayNode array = body.putArray("messages");
        for (ChatMessage m : messages) {
            array.addObject().put("role", m.role()).put("content", m.content());
        }
        return JSON.writeValueAsString(body);
    }
}
