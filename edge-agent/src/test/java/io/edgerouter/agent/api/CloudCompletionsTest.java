package io.edgerouter.agent.api;

import io.edgerouter.agent.engine.EngineService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Text completions routed to the (stand-in) cloud: what leaves the device, what comes back, what stays. */
@QuarkusTest
@TestProfile(StandInCloud.Profile.class)
class CloudCompletionsTest {

    @Inject
    EngineService engine;

    static final String EMAIL = "jane.doe@example.com";

    @BeforeEach
    @AfterEach
    void reset() {
        StandInCloud.reset();
    }

    static String completion(String model, String prompt, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":24,\"prompt\":" + prompt + extra + "}";
    }

    @Test
    void offloadSendsTheMaskedPromptAndRestoresTheEmailInTheAnswer() {
        String prompt = "Dear " + EMAIL + ", about the invoice";
        given().contentType(ContentType.JSON).body(completion("cloud", "\"" + prompt + "\"", ""))
                .post("/v1/completions")
                .then().statusCode(200)
                .header("x-route", startsWith("OFFLOAD"))
                .body("object", equalTo("text_completion"))
                .body("route.route", equalTo("OFFLOAD"))
                .body("choices[0].text", equalTo("You wrote: " + prompt))
                .body("usage.total_tokens", equalTo(15));
        assertThat(StandInCloud.RECEIVED).hasSize(1);
        JsonPath sent = new JsonPath(StandInCloud.RECEIVED.get(0));
        assertThat(sent.getString("prompt")).isEqualTo("Dear <EMAIL_ADDRESS_1>, about the invoice");
        assertThat(StandInCloud.RECEIVED.get(0)).doesNotContain(EMAIL).doesNotContain("jane.doe");
    }

    @Test
    void streamedOffloadRestoresPlaceholdersSplitAcrossChunks() {
        String prompt = "Contact " + EMAIL + " now";
        String sse = given().contentType(ContentType.JSON).body(completion("cloud", "\"" + prompt + "\"", ",\"stream\":true"))
                .post("/v1/completions")
                .then().statusCode(200).extract().asString();
        StringBuilder text = new StringBuilder();
        for (String e : CompletionsTest.events(sse)) {
            if (!e.equals("[DONE]")) {
                JsonPath chunk = new JsonPath(e);
                assertThat(chunk.getString("object")).isEqualTo("text_completion");
                text.append(chunk.getString("choices[0].text"));
            }
        }
        assertThat(text.toString()).isEqualTo("You wrote: " + prompt);
        assertThat(sse).endsWith("data: [DONE]\n\n");
        assertThat(StandInCloud.RECEIVED).hasSize(1).allSatisfy(b -> assertThat(b).doesNotContain(EMAIL));
    }

    @Test
    void aBlockOffloadEntityKeepsTheCompletionOnTheDevice() {
        given().contentType(ContentType.JSON).body(completion("cloud", "\"My SSN is 536-22-8726 and\"", ""))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("pii:block_offload"));
        assertThat(StandInCloud.RECEIVED).isEmpty();
    }

    @Test
    void aTokenIdPromptStaysOnTheDeviceEvenWhenTheCloudIsAskedFor() {
        given().contentType(ContentType.JSON).body(completion("cloud", "[5,6,7,8]", ""))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("prompt:token_ids"));
        assertThat(StandInCloud.RECEIVED).isEmpty();
    }

    @Test
    void verifySendsTokenIdsOfTheMaskedPromptNeverTheText() {
        given().contentType(ContentType.JSON).body(completion("verify", "\"Summarise the note for " + EMAIL + "\"", ""))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("VERIFY"))
                .body("usage.completion_tokens", equalTo(24));
        List<String> rounds = StandInCloud.RECEIVED.stream().filter(b -> !b.isEmpty()).toList(); // not the session's DELETE
        assertThat(rounds).isNotEmpty().allSatisfy(b -> assertThat(b).contains("\"draft_ids\":[")
                .doesNotContain("Summarise").doesNotContain(EMAIL));
        int[] context = new JsonPath(rounds.get(0)).getList("context_ids", Integer.class).stream().mapToInt(Integer::intValue).toArray();
        assertThat(engine.engine().tokenizer().decode(context)).isEqualTo("Summarise the note for <EMAIL_ADDRESS_1>");
    }

    @Test
    void verifyAskedForLogprobsIsAnsweredLocallyAndSaysWhy() {
        given().contentType(ContentType.JSON).body(completion("verify", "\"Name a prime number.\"", ",\"logprobs\":2"))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("logprobs:local_only"))
                .body("choices[0].logprobs.tokens.size()", greaterThan(0));
        assertThat(StandInCloud.RECEIVED).isEmpty();
    }

    @Test
    void cloudDownMeansALocalCompletionThatSaysWhy() {
        StandInCloud.down = true;
        given().contentType(ContentType.JSON).body(completion("cloud", "\"The capital of France is\"", ""))
                .post("/v1/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("cloud_error:503"));
    }
}
