package io.edgerouter.agent.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@TestProfile(StandInCloud.Profile.class)
class CloudRoutesTest {

    static final String EMAIL = "jane.doe@example.com";

    @BeforeEach
    @AfterEach
    void reset() {
        StandInCloud.reset();
    }

    static String chat(String model, String content, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":24,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    @Test
    void offloadMasksPiiBeforeItLeavesAndRestoresItInTheAnswer() {
        given().contentType(ContentType.JSON).body(chat("cloud", "Please write to " + EMAIL + " about the invoice", false))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .header("x-route", startsWith("OFFLOAD"))
                .body("route.route", equalTo("OFFLOAD"))
                .body("choices[0].message.content", equalTo("You wrote: Please write to " + EMAIL + " about the invoice"))
                .body("usage.total_tokens", equalTo(15));
        assertThat(StandInCloud.RECEIVED).hasSize(1);
        assertThat(StandInCloud.RECEIVED.get(0)).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
    }

    @Test
    void streamedOffloadRestoresPlaceholdersSplitAcrossChunks() {
        String sse = given().contentType(ContentType.JSON).body(chat("cloud", "Contact " + EMAIL + " now", true))
                .post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                String delta = new io.restassured.path.json.JsonPath(line.substring(6)).getString("choices[0].delta.content");
                if (delta != null) {
                    text.append(delta);
                }
            }
        }
        assertThat(text.toString()).isEqualTo("You wrote: Contact " + EMAIL + " now");
        assertThat(sse).endsWith("data: [DONE]\n\n");
        assertThat(StandInCloud.RECEIVED).allSatisfy(b -> assertThat(b).doesNotContain(EMAIL));
    }

    @Test
    void blockOffloadEntitiesNeverLeaveTheDevice() {
        given().contentType(ContentType.JSON).body(chat("cloud", "My SSN is 536-22-8726, is that a problem?", false))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("pii:block_offload"));
        assertThat(StandInCloud.RECEIVED).isEmpty();
    }

    @Test
    void cloudDownMeansALocalAnswerThatSaysWhy() {
        StandInCloud.down = true;
        given().contentType(ContentType.JSON).body(chat("cloud", "What is the capital of France?", false))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("LOCAL"))
                .body("route.reasons", hasItem("cloud_error:503"))
                .body("choices[0].message.content", not(containsString("You wrote")));
    }

    @Test
    void aForcedVerifyOutcomeLeavesTheRouterCalibrationAlone() {
        String ask = "{\"messages\":[{\"role\":\"user\",\"content\":\"Name a prime number.\"}]}";
        String before = given().contentType(ContentType.JSON).body(ask).post("/v1/route").then().statusCode(200)
                .extract().path("router_model_version");
        given().contentType(ContentType.JSON).body(chat("verify", "Name a prime number.", false))
                .post("/v1/chat/completions").then().statusCode(200).body("route.route", equalTo("VERIFY"));
        String after = given().contentType(ContentType.JSON).body(ask).post("/v1/route").then().statusCode(200)
                .extract().path("router_model_version");
        // the stand-in cloud accepted every drafted token, but model: verify forced the route whatever the score:
        // no evidence about the score, no calibration step
        assertThat(calibrationSteps(after)).isEqualTo(calibrationSteps(before));
    }

    private static long calibrationSteps(String routerModelVersion) {
        return Long.parseLong(routerModelVersion.substring(routerModelVersion.lastIndexOf("calib-") + 6));
    }

    @Test
    void verifySendsTokenIdsOfTheMaskedPromptNeverTheText() {
        given().contentType(ContentType.JSON).body(chat("verify", "Summarise the note for " + EMAIL, false))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("route.route", equalTo("VERIFY"))
                .body("usage.completion_tokens", equalTo(24));
        assertThat(StandInCloud.RECEIVED).isNotEmpty();
        assertThat(StandInCloud.RECEIVED.get(0)).contains("\"context_ids\":[").contains("\"tokenizer_hash\"")
                .doesNotContain("Summarise").doesNotContain(EMAIL);
    }
}
