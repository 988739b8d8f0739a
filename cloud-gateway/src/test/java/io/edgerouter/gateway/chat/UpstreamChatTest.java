package io.edgerouter.gateway.chat;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Completions forwarded to a stand-in upstream provider on loopback; failures end as 502/503, never a hang. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamStub.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamChatTest {

    private static final String KEY = "test-key-edge-1";
    private static final String BODY = "{\"model\":\"cloud\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]%s}";

    @Inject
    UpstreamClient client;

    @AfterEach
    void reset() {
        UpstreamStub.mode = UpstreamStub.Mode.OK;
    }

    @Test
    @Order(1)
    void completionIsForwardedWithTheUpstreamKeyAndModel() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .body("choices[0].message.content", equalTo("from upstream"));

        assertThat(UpstreamStub.authorizations).last().isEqualTo("Bearer " + UpstreamStub.UPSTREAM_KEY);
        assertThat(UpstreamStub.bodies).last().asString().contains("\"model\":\"big-model\"").doesNotContain(KEY);
    }

    @Test
    @Order(2)
    void streamIsPassedThroughEndingWithDone() {
        String sse = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(",\"stream\":true"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(sse).contains("\"from \"").contains("\"upstream\"");
        assertThat(sse.trim()).endsWith("data: [DONE]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/v1/chat/completions | {\"model\":\"cloud\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
            "/v1/completions      | {\"model\":\"cloud\",\"prompt\":\"Once\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
    })
    @Order(2)
    void streamedUsageIsAskedOfTheUpstreamAndItsUsageChunkRelayedBeforeDone(String path, String body) {
        String sse = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body)
                .when().post(path)
                .then().statusCode(200).extract().asString();

        assertThat(UpstreamStub.bodies).last().asString().contains("\"stream_options\":{\"include_usage\":true}");
        List<String> events = sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events).last().isEqualTo("[DONE]");
        assertThat(events.get(events.size() - 2)).contains("\"choices\":[]").contains(UpstreamStub.STREAM_USAGE);
    }

    @Test
    @Order(3)
    void textCompletionIsForwardedToTheUpstreamsCompletionsEndpoint() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{\"model\":\"cloud\",\"prompt\":\"Once\",\"max_tokens\":4}")
                .when().post("/v1/completions")
                .then().statusCode(200)
                .body("object", equalTo("text_completion"))
                .body("choices[0].text", equalTo(" upon a time"));

        assertThat(UpstreamStub.authorizations).last().isEqualTo("Bearer " + UpstreamStub.UPSTREAM_KEY);
        assertThat(UpstreamStub.bodies).last().asString().contains("\"model\":\"big-model\"").contains("\"prompt\":\"Once\"");
    }

    @Test
    @Order(3)
    void invalidRequestIsRejectedBeforeReachingTheUpstream() {
        int calls = UpstreamStub.bodies.size();
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{\"messages\":[]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("messages"));
        assertThat(UpstreamStub.bodies).hasSize(calls);
    }

    @Test
    @Order(4)
    void stalledStreamEndsWithAnErrorEventAndDone() {
        UpstreamStub.mode = UpstreamStub.Mode.STALL_STREAM;
        long start = System.nanoTime();

        String sse = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(",\"stream\":true"))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(sse).contains("upstream_stream_broken");
        assertThat(sse.trim()).endsWith("data: [DONE]");
    }

    @Test
    @Order(5)
    void slowUpstreamIs502WithinTheTimeLimit() {
        UpstreamStub.mode = UpstreamStub.Mode.SLOW;
        long start = System.nanoTime();

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(502)
                .body("error.code", equalTo("upstream_timeout"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @Order(6)
    void failingUpstreamIs502ThenTheBreakerOpensTo503() {
        UpstreamStub.mode = UpstreamStub.Mode.FAIL;

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(502)
                .body("error.code", equalTo("upstream_error"))
                .body("error.message", containsString("500"));
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted("")).post("/v1/chat/completions");
        }

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(BODY.formatted(""))
                .when().post("/v1/chat/completions")
                .then().statusCode(503)
                .header("Retry-After", "30")
                .body("error.code", equalTo("upstream_unavailable"))
                .body("error.message", endsWith("(circuit breaker open)"));
        assertThat(client.breakerState().name()).isEqualTo("OPEN");
    }
}
