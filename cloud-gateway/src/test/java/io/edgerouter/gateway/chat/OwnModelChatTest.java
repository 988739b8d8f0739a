package io.edgerouter.gateway.chat;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class OwnModelChatTest {

    private static final String KEY = "test-key-edge-1";
    private static final String BODY = """
            {"model":"cloud","messages":[{"role":"user","content":"Rewrite: the cat sat on the mat."}],
             "max_tokens":12,"temperature":0%s}""";

    @Inject
    GatewayModel model;

    @Test
    void greedyCompletionIsTheModelsGreedyAnswer() {
        JsonPath r = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .body("object", equalTo("chat.completion"))
                .body("id", startsWith("chatcmpl-"))
                .body("choices[0].message.role", equalTo("assistant"))
                .extract().jsonPath();

        assertThat(r.getString("choices[0].message.content")).isEqualTo(referenceGreedyText());
        assertThat(r.getInt("usage.total_tokens")).isEqualTo(r.getInt("usage.prompt_tokens") + r.getInt("usage.completion_tokens"));
    }

    @Test
    void streamedCompletionEndsWithDoneAndAddsUpToTheSameText() {
        String sse = given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body(BODY.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).contentType(startsWith("text/event-stream"))
                .extract().asString();

        List<String> events = sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 1)) {
            JsonPath chunk = JsonPath.from(e);
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            String delta = chunk.getString("choices[0].delta.content");
            text.append(delta == null ? "" : delta);
        }
        assertThat(text.toString()).isEqualTo(referenceGreedyText());
        assertThat(JsonPath.from(events.get(events.size() - 2)).getInt("usage.completion_tokens")).isPositive();
    }

    @Test
    void invalidRequestIs400NamingTheField() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("messages[0].role"));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{\"messages\": [")
                .when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.code", equalTo("invalid_request"));
    }

    private String referenceGreedyText() {
        try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(model.targetDir(), null));
             Conversation chat = engine.newConversation()) {
            int[] prompt = engine.chatPrompt(List.of(new ChatMessage("user", "Rewrite: the cat sat on the mat.")));
            return chat.generate(GenerationRequest.of(prompt, 12, Decoding.VANILLA)
                    .withStops(engine.stopTokenIds(), List.of())).text();
        }
    }
}
