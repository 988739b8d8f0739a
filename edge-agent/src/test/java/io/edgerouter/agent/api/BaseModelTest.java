package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An agent on a base model, set with {@code edge.engine.model} and {@code edge.engine.tokenizer}: the tiny model
 * without its chat template and without a BOS token, and its tokenizer given as a file of its own. Start-up works,
 * chat is a plain transcript, the tokenizer hash is that file's.
 */
@QuarkusTest
@TestProfile(BaseModelTest.BaseModel.class)
class BaseModelTest {

    @Inject
    EngineService engine;

    @Test
    void chatOnAModelWithoutATemplateIsPromptedAsAPlainTranscript() {
        int expected = engine.engine().tokenizer().encode("System: Be brief.\nUser: Tell me a story.\nAssistant:").length;
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"local\",\"max_tokens\":6,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}")
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("usage.prompt_tokens", equalTo(expected));
        assertThat(engine.engine().chatStopStrings()).containsExactly("\nUser:");
    }

    @Test
    void anEmptyPromptWithoutABosTokenIs400NamingThePrompt() {
        given().contentType(ContentType.JSON).body("{\"prompt\":\"\",\"max_tokens\":4}").post("/v1/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("prompt"))
                .body("error.message", containsString("prompt: is empty and the model has no BOS token to start from"));
    }

    @Test
    void aTextCompletionContinuesThePromptWithNothingPrepended() {
        String prompt = "Once upon a time";
        given().contentType(ContentType.JSON).body("{\"prompt\":\"" + prompt + "\",\"max_tokens\":4,\"model\":\"local\"}")
                .post("/v1/completions")
                .then().statusCode(200)
                .body("usage.prompt_tokens", equalTo(engine.engine().tokenizer().encode(prompt).length));
    }

    @Test
    void theTokenizerHashIsTheHashOfTheConfiguredTokenizerFile() throws Exception {
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(BaseModel.tokenizer)));
        given().get("/v1/models").then().statusCode(200).body("data[0].tokenizer_hash", equalTo(expected));
    }

    /** The tiny target as a base model (no chat template, no BOS) with its tokenizer in a file elsewhere. */
    public static class BaseModel implements QuarkusTestProfile {
        static Path tokenizer;

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory("base-model");
                Path target = TinyModels.generate(root, TinyModelSpec.small()).target();
                ObjectMapper json = new ObjectMapper();
                ObjectNode config = (ObjectNode) json.readTree(target.resolve("config.json").toFile());
                config.remove("bos_token_id");
                json.writeValue(target.resolve("config.json").toFile(), config);
                ObjectNode tokenizerConfig = (ObjectNode) json.readTree(target.resolve("tokenizer_config.json").toFile());
                tokenizerConfig.remove("chat_template");
                json.writeValue(target.resolve("tokenizer_config.json").toFile(), tokenizerConfig);
                // the same vocabulary in other bytes: the hash must be this file's, not the model directory's tokenizer.json
                tokenizer = root.resolve("own-tokenizer.json");
                Files.writeString(tokenizer, Files.readString(target.resolve("tokenizer.json"), StandardCharsets.UTF_8) + "\n");
                return Map.of("edge.engine.model", target.toString(), "edge.engine.tokenizer", tokenizer.toString());
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
