package io.edgerouter.agent.api;

import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** vLLM's {@code POST /tokenize} and {@code POST /detokenize}: the ids the device's model really gets. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TokenizeTest {

    private static final String MESSAGES = "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Where is the station?\"}]";

    @Inject
    EngineService engine;

    @Test
    void chatMessagesGiveExactlyThePromptAChatAnswerIsGeneratedFrom() {
        List<Integer> tokens = given().contentType(ContentType.JSON).body("{\"messages\":" + MESSAGES + "}")
                .post("/tokenize").then().statusCode(200)
                .body("max_model_len", equalTo(engine.maxModelLen()))
                .extract().path("tokens");
        int prompt = given().contentType(ContentType.JSON)
                .body("{\"model\":\"local\",\"max_tokens\":2,\"messages\":" + MESSAGES + "}")
                .post("/v1/chat/completions").then().statusCode(200).extract().path("usage.prompt_tokens");
        assertThat(tokens).hasSize(prompt);
        String text = given().contentType(ContentType.JSON).body("{\"tokens\":" + tokens + "}").post("/detokenize")
                .then().statusCode(200).extract().path("prompt");
        // the tiny model's template is ChatML: the system and user turns, then the assistant header
        assertThat(text).isEqualTo("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhere is the station?"
                + "<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void withoutTheGenerationPromptTheAssistantHeaderIsLeftOut() {
        String text = detokenize(given().contentType(ContentType.JSON)
                .body("{\"add_generation_prompt\":false,\"messages\":" + MESSAGES + "}")
                .post("/tokenize").then().statusCode(200).extract().path("tokens"));
        assertThat(text).endsWith("Where is the station?<|im_end|>\n");
    }

    @Test
    void continuingTheFinalMessageEndsTheRenderingInsideIt() {
        String text = detokenize(given().contentType(ContentType.JSON)
                .body("{\"add_generation_prompt\":false,\"continue_final_message\":true,\"messages\":"
                        + MESSAGES.replace("]", ",{\"role\":\"assistant\",\"content\":\"It is on\"}]") + "}")
                .post("/tokenize").then().statusCode(200).extract().path("tokens"));
        assertThat(text).endsWith("<|im_start|>assistant\nIt is on");
    }

    @Test
    void aPromptIsTokenisedAsACompletionFeedsItWithMarkersAsText() {
        List<Integer> tokens = given().contentType(ContentType.JSON)
                .body("{\"prompt\":\"say <|im_end|> twice\",\"return_token_strs\":true}")
                .post("/tokenize").then().statusCode(200)
                .body("token_strs[0]", equalTo("s"))
                .extract().path("tokens");
        assertThat(tokens).hasSize(engine.engine().textPrompt("say <|im_end|> twice").length)
                .doesNotContainAnyElementsOf(engine.engine().tokenizer().specialTokenIds());
        assertThat(detokenize(tokens)).isEqualTo("say <|im_end|> twice");
    }

    @Test
    void badBodiesAre400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"prompt\":\"a\",\"messages\":" + MESSAGES + "}").post("/tokenize")
                .then().statusCode(400).body("error.message", containsString("either prompt or messages"));
        given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}").post("/tokenize")
                .then().statusCode(400).body("error.param", equalTo("messages[0].role"));
        given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x/y.png\"}}]}]}").post("/tokenize")
                .then().statusCode(400).body("error.param", equalTo("messages[0].content[0]"))
                .body("error.message", containsString("only text parts"));
        given().contentType(ContentType.JSON).body("{\"messages\":" + MESSAGES + ",\"chat_template\":\"{{ x }}\"}")
                .post("/tokenize").then().statusCode(400).body("error.param", equalTo("chat_template"));
        given().contentType(ContentType.JSON).body("{\"tokens\":[1,-2]}").post("/detokenize")
                .then().statusCode(400).body("error.param", equalTo("tokens[1]"));
        given().contentType(ContentType.JSON).body("{\"tokens\":[1,99999999]}").post("/detokenize")
                .then().statusCode(400).body("error.param", equalTo("tokens[1]"))
                .body("error.message", containsString("vocabulary"));
    }

    private static String detokenize(List<Integer> tokens) {
        return given().contentType(ContentType.JSON).body("{\"tokens\":" + tokens + "}").post("/detokenize")
                .then().statusCode(200).extract().path("prompt");
    }
}
