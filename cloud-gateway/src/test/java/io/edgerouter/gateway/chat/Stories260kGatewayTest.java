package io.edgerouter.gateway.chat;

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
 * The gateway started on stories260K with one setting, {@code gateway.model} pointing at the llama2.c checkpoint
 * (../shared/data/models/stories260K): its own completion from BOS is llama2.c's published story.
 */
@QuarkusTest
@TestProfile(Stories260kGatewayTest.Stories.class)
@NeedsSharedData("models/stories260K")
class Stories260kGatewayTest {

    static final Path STORIES = SharedData.path("models/stories260K");

    @Test
    void greedyCompletionFromBosIsLlama2csPublishedStory() throws IOException {
        JsonPath r = given().auth().oauth2("test-key-edge-1").contentType(ContentType.JSON)
                .body("{\"model\":\"cloud\",\"prompt\":\"\",\"max_tokens\":256,\"temperature\":0}")
                .post("/v1/completions").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("choices[0].text")).isEqualTo(Files.readString(STORIES.resolve("greedy_from_bos.txt")));
    }

    /** Only the model setting (and a data directory for the import cache). */
    public static class Stories implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of("gateway.model", STORIES.resolve("stories260K.bin").toAbsolutePath().toString(),
                        "gateway.data-dir", Files.createTempDirectory("stories-gateway").toString());
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
