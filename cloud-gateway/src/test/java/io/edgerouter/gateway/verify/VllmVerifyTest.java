package io.edgerouter.gateway.verify;

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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code /v1/verify} against a stand-in vLLM server that runs the same tiny model: same verdicts as greedy decoding. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = VllmStub.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class VllmVerifyTest {

    private static final String KEY = "test-key-edge-1";

    @Inject
    GatewayModel model;

    @Test
    void verdictsAndSessionsMatchGreedyDecodingOfTheSameModel() {
        int[] prompt;
        int[] greedy;
        try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(model.targetDir(), null));
             Conversation chat = engine.newConversation()) {
            prompt = engine.chatPrompt(List.of(new ChatMessage("user", "Extract the names: Ada met Alan in London.")));
            greedy = chat.generate(GenerationRequest.of(prompt, 10, Decoding.VANILLA)).tokens();
        }
        int calls = VllmStub.calls.get();

        int[] wrong = Arrays.copyOf(greedy, 5);
        wrong[2] = (wrong[2] + 1) % model.vocabSize();
        JsonPath corrected = verify(body(prompt, wrong, "s-vllm")).extract().jsonPath();
        assertThat(corrected.getInt("accepted")).isEqualTo(2);
        assertThat(corrected.getInt("next_token")).isEqualTo(greedy[2]);

        Map<String, Object> next = body(null, Arrays.copyOfRange(greedy, 3, 6), "s-vllm");
        next.put("context_append_ids", List.of());
        next.put("continue_max_tokens", 2);
        JsonPath bonus = verify(next).extract().jsonPath();
        assertThat(bonus.getInt("accepted")).isEqualTo(3);
        assertThat(bonus.getInt("next_token")).isEqualTo(greedy[6]);
        assertThat(bonus.getList("continuation_ids", Integer.class)).containsExactly(greedy[7], greedy[8]);
        assertThat(VllmStub.calls.get() - calls).as("vLLM calls: 1 + 2 for the one-shot round").isEqualTo(3);
    }

    @Test
    void sampleModeIsRefusedNamingTheField() {
        Map<String, Object> b = body(new int[]{1, 2, 3}, new int[]{4}, null);
        b.put("mode", "sample");
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(b).when().post("/v1/verify")
                .then().statusCode(400).body("error.param", equalTo("mode"));
    }

    private Map<String, Object> body(int[] context, int[] draft, String session) {
        Map<String, Object> b = new HashMap<>();
        b.put("tokenizer_hash", model.tokenizerHash());
        if (context != null) {
            b.put("context_ids", Arrays.stream(context).boxed().toList());
        }
        if (session != null) {
            b.put("session_id", session);
        }
        b.put("draft_ids", Arrays.stream(draft).boxed().toList());
        return b;
    }

    private static io.restassured.response.ValidatableResponse verify(Map<String, Object> body) {
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body).when().post("/v1/verify").then().statusCode(200);
    }
}
