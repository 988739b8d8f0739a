package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An agent whose model carries a Phi-4-style template ({@code <|im_start|>role<|im_sep|>content<|im_end|>}): the
 * prompt is that template's rendering, not ChatML guessed from its markers, {@code /tokenize} shows it, and the
 * template's own {@code raise_exception} reaches the caller as a 400 with its message.
 */
@QuarkusTest
@TestProfile(OwnTemplateTest.Phi4Style.class)
class OwnTemplateTest {

    static final String TEMPLATE = "{% for m in messages %}{% if m['role'] == 'system' and not loop.first %}"
            + "{{ raise_exception('A system message may only come first') }}{% endif %}"
            + "{{ '<|im_start|>' + m['role'] + '<|im_sep|>' + m['content'] + '<|im_end|>' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant<|im_sep|>' }}{% endif %}";

    private static final String MESSAGES = "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Name a colour.\"}]";

    @Test
    void thePromptIsTheModelsOwnTemplateRendering() {
        List<Integer> tokens = given().contentType(ContentType.JSON).body("{\"messages\":" + MESSAGES + "}")
                .post("/tokenize").then().statusCode(200).extract().path("tokens");
        String text = given().contentType(ContentType.JSON).body("{\"tokens\":" + tokens + "}").post("/detokenize")
                .then().statusCode(200).extract().path("prompt");
        assertThat(text).isEqualTo("<|im_start|>system<|im_sep|>Be brief.<|im_end|><|im_start|>user<|im_sep|>"
                + "Name a colour.<|im_end|><|im_start|>assistant<|im_sep|>");
        given().contentType(ContentType.JSON).body("{\"model\":\"local\",\"max_tokens\":4,\"messages\":" + MESSAGES + "}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("usage.prompt_tokens", equalTo(tokens.size()));
    }

    @Test
    void theTemplatesOwnErrorIsA400WithItsMessage() {
        String late = "[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"system\",\"content\":\"Be brief.\"}]";
        given().contentType(ContentType.JSON).body("{\"model\":\"local\",\"max_tokens\":4,\"messages\":" + late + "}")
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.message", containsString("A system message may only come first"));
        given().contentType(ContentType.JSON).body("{\"messages\":" + late + "}").post("/tokenize")
                .then().statusCode(400)
                .body("error.message", containsString("A system message may only come first"));
    }

    /** The tiny model with its chat template replaced. */
    public static class Phi4Style implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory("own-template");
                Path target = TinyModels.generate(root, TinyModelSpec.small()).target();
                ObjectMapper json = new ObjectMapper();
                ObjectNode tokenizerConfig = (ObjectNode) json.readTree(target.resolve("tokenizer_config.json").toFile());
                tokenizerConfig.put("chat_template", TEMPLATE);
                json.writeValue(target.resolve("tokenizer_config.json").toFile(), tokenizerConfig);
                return Map.of("edge.engine.model", target.toString());
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
