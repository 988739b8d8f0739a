package io.edgerouter.agent.api;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.NeedsSharedData;
import io.edgerouter.testsupport.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent started on Karpathy's trained stories260K with one setting, {@code edge.engine.model} pointing at the
 * llama2.c checkpoint (its tok512.bin beside it is found; ../shared/data/models/stories260K): a greedy completion from
 * BOS answers llama2.c's published story.
 */
@QuarkusTest
@TestProfile(Stories260kAgentTest.Stories.class)
@NeedsSharedData("models/stories260K")
class Stories260kAgentTest {

    static final Path STORIES = SharedData.path("models/stories260K");

    @Test
    void anEmptyGreedyPromptAnswersLlama2csPublishedStory() throws IOException {
        JsonPath r = given().contentType(ContentType.JSON)
                .body("{\"model\":\"local\",\"prompt\":\"\",\"max_tokens\":256,\"temperature\":0}")
                .post("/v1/completions").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("choices[0].text")).isEqualTo(Files.readString(STORIES.resolve("greedy_from_bos.txt")));
        assertThat(r.getInt("usage.prompt_tokens")).as("BOS only").isEqualTo(1);
        assertThat(r.getInt("usage.completion_tokens")).isEqualTo(256);
        assertThat(r.getString("choices[0].finish_reason")).isEqualTo("length");
    }

    @Test
    void chatOnTheBaseModelIsATranscriptAnswer() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"local\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);
    }

    /** Only the model setting (and a data directory for the import cache). */
    public static class Stories implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of("edge.engine.model", STORIES.resolve("stories260K.bin").toAbsolutePath().toString(),
                        "edge.data-dir", Files.createTempDirectory("stories-agent").toString());
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
