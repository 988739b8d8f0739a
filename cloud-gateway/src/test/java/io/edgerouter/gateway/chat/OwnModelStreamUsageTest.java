package io.edgerouter.gateway.chat;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stream_options: {"include_usage": true}}, which agents send on every streamed OFFLOAD to count cloud tokens:
 * the own model's stream ends with a usage chunk with no choices, counting what the whole answer counts.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class OwnModelStreamUsageTest {

    private static final String KEY = "test-key-edge-1";
    private static final String USAGE = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // chat: the prompt is the chat template applied to the messages
            "/v1/chat/completions | {\"model\":\"cloud\",\"messages\":[{\"role\":\"user\",\"content\":\"Rewrite: the cat sat.\"}],\"max_tokens\":12,\"temperature\":0%s}",
            // text: the prompt is the text itself
            "/v1/completions      | {\"model\":\"cloud\",\"prompt\":\"Once upon a time\",\"max_tokens\":12,\"temperature\":0%s}",
    })
    void usageChunkComesLastBeforeDoneWithNoChoicesAndTheWholeAnswersCounts(String path, String body) {
        JsonPath whole = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body.formatted(""))
                .post(path).then().statusCode(200).extract().jsonPath();

        List<String> events = events(path, body.formatted(USAGE));

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        JsonPath usage = JsonPath.from(events.get(events.size() - 2));
        assertThat(usage.getList("choices")).isEmpty();
        assertThat(usage.getInt("usage.prompt_tokens")).isEqualTo(whole.getInt("usage.prompt_tokens")).isPositive();
        assertThat(usage.getInt("usage.completion_tokens")).isEqualTo(whole.getInt("usage.completion_tokens")).isPositive();
        assertThat(usage.getInt("usage.total_tokens")).isEqualTo(whole.getInt("usage.total_tokens"));
        assertThat(events.subList(0, events.size() - 2)).noneMatch(e -> e.contains("\"usage\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/v1/chat/completions | {\"model\":\"cloud\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4,\"stream\":true}",
            "/v1/completions      | {\"model\":\"cloud\",\"prompt\":\"Once\",\"max_tokens\":4,\"stream\":true}",
    })
    void withoutIncludeUsageNoChunkCarriesUsage(String path, String body) {
        List<String> events = events(path, body);

        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        assertThat(events).noneMatch(e -> e.contains("\"usage\""));
    }

    private static List<String> events(String path, String body) {
        String sse = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(200).extract().asString();
        return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }
}
