package io.edgerouter.agent.api;

import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.NeedsSharedData;
import io.edgerouter.testsupport.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
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

    @Inject
    EngineService engine;

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

    /**
     * With a real model loaded, an {@code auto} answer the router keeps LOCAL is decided again with the prompt's mean
     * surprisal and first-token entropy from its own prefill; the decision's reasons show them, and the answer computes
     * exactly the token positions a forced LOCAL answer of the same prompt computes (the measurement costs none).
     */
    @Test
    void theDecisionSeesThePrefillsSignalsWithoutAnExtraForwardPass() {
        String body = "{\"model\":\"%s\",\"max_tokens\":12,\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Once upon a time there was a little dog who liked to run in the park.\"}]}";
        CausalLm target = engine.engine().target();
        long passes0 = target.runs();
        long positions0 = target.positionsRun();
        JsonPath auto = given().contentType(ContentType.JSON).header("x-app-id", "signals-auto")
                .body(body.formatted("auto")).post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();
        long autoPasses = target.runs() - passes0;
        long autoPositions = target.positionsRun() - positions0;
        List<String> reasons = auto.getList("route.reasons");
        assertThat(auto.getString("route.route")).isEqualTo("LOCAL");
        assertThat(reasons).anySatisfy(r -> assertThat(r).matches("local_signals:surprisal=\\d+\\.\\d+,entropy=\\d+\\.\\d+"));

        long passes1 = target.runs();
        long positions1 = target.positionsRun();
        JsonPath forced = given().contentType(ContentType.JSON).header("x-app-id", "signals-forced")
                .body(body.formatted("local")).post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();
        assertThat(forced.getString("choices[0].message.content")).isEqualTo(auto.getString("choices[0].message.content"));
        assertThat(forced.getList("route.reasons", String.class)).noneMatch(r -> r.startsWith("local_signals"));
        assertThat(autoPositions).as("token positions the model computed").isEqualTo(target.positionsRun() - positions1);
        // the prefill ends before the first round's draft is checked, so that draft runs as a pass of its own
        assertThat(autoPasses).as("ONNX Runtime runs").isBetween(target.runs() - passes1, target.runs() - passes1 + 1);
    }

    /** A text completion is measured the same way, and still answers llama2.c's greedy continuation of its prompt. */
    @Test
    void aCompletionIsMeasuredToo() {
        JsonPath r = given().contentType(ContentType.JSON).header("x-app-id", "signals-completion")
                .body("{\"model\":\"auto\",\"prompt\":\"Once upon a time\",\"max_tokens\":8,\"temperature\":0}")
                .post("/v1/completions").then().statusCode(200).extract().jsonPath();
        JsonPath forced = given().contentType(ContentType.JSON).header("x-app-id", "signals-completion-forced")
                .body("{\"model\":\"local\",\"prompt\":\"Once upon a time\",\"max_tokens\":8,\"temperature\":0}")
                .post("/v1/completions").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("route.reasons", String.class)).anyMatch(x -> x.startsWith("local_signals:surprisal="));
        assertThat(r.getString("choices[0].text")).isEqualTo(forced.getString("choices[0].text"));
    }

    /** A dry run decides on the text alone: it neither runs the model nor reports signals. */
    @Test
    void aDryRunDoesNotRunTheModel() {
        CausalLm target = engine.engine().target();
        long passes0 = target.runs();
        JsonPath r = given().contentType(ContentType.JSON)
                .body("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story about a cat.\"}]}")
                .post("/v1/route").then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("reasons", String.class)).noneMatch(x -> x.startsWith("local_signals"));
        assertThat(target.runs()).isEqualTo(passes0);
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
