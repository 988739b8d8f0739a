package io.edgerouter.privacy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.InvalidPatternException;
import io.edgerouter.privacy.PrivacyConfig;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.vault.Vault;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed Presidio request fails with an {@link InvalidInputException} whose field is the JSON path of the
 * offending value and whose rule says what is allowed, so the edge agent can answer 400 without a stack trace.
 */
class BadRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 2_000;
    private static final PresidioApi API = new PresidioApi(
            PrivacyFilter.create(PrivacyConfig.defaults().withMaxTextLength(MAX)));
    private static final String KEY = "WmZq4t7w!z%C&F)J";

    static Stream<Arguments> badRequests() {
        return Stream.of( // endpoint, body, expected field, expected words in the rule
                Arguments.of("analyze", "{\"language\": \"en\"}", "text", "is required"),
                Arguments.of("analyze", "{\"text\": \"\", \"language\": \"en\"}", "text", "must not be empty"),
                Arguments.of("analyze", "{\"text\": \"" + "a".repeat(MAX + 1) + "\"}", "text", "maximum is 2000"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"language\": \"tlh\"}", "language", "not supported"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"entities\": [\"PERSON\", \"SOCIAL_SCORE\"]}",
                        "entities[1]", "unknown entity 'SOCIAL_SCORE'"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"score_threshold\": 1.5}", "score_threshold", "[0, 1]"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"context\": [\"\"]}", "context[0]", "non-blank"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"regex_flags\": -1}", "regex_flags", "non-negative"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"allow_list\": [\"x\"], \"allow_list_match\": \"fuzzy\"}",
                        "allow_list_match", "'exact' or 'regex'"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"allow_list\": [\"(x\"], \"allow_list_match\": \"regex\"}",
                        "allow_list[0]", "RE2"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\", \"patterns\": [{\"regex\": \"(?<=x)y\"}]"),
                        "ad_hoc_recognizers[0].patterns[0].regex", "no lookaround"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\", \"patterns\": [{\"regex\": \"(a)\\\\1\"}]"),
                        "ad_hoc_recognizers[0].patterns[0].regex", "not a valid RE2 pattern"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\", \"patterns\": [{\"regex\": \"a*\"}]"),
                        "ad_hoc_recognizers[0].patterns[0].regex", "matches the empty string"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\", \"patterns\": [{\"regex\": \"((a{100}){100}){100}\"}]"),
                        "ad_hoc_recognizers[0].patterns[0].regex", "matcher states"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\", \"patterns\": [{\"regex\": \"x\", \"score\": 3}]"),
                        "ad_hoc_recognizers[0].patterns[0].score", "(0, 1]"),
                Arguments.of("analyze", adHoc("\"patterns\": [{\"regex\": \"EMP-[0-9]{6}\"}]"),
                        "ad_hoc_recognizers[0].supported_entity", "is required"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"emp id\", \"patterns\": [{\"regex\": \"x\"}]"),
                        "ad_hoc_recognizers[0].supported_entity", "upper case"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\""), "ad_hoc_recognizers[0].patterns",
                        "at least one pattern or a deny_list"),
                Arguments.of("analyze", adHoc("\"supported_entity\": \"EMP\", \"deny_list\": [\"ok\", \" \"]"),
                        "ad_hoc_recognizers[0].deny_list[1]", "non-blank"),
                Arguments.of("analyze", "{\"text\": \"hi\", \"ad_hoc_recognizers\": [{\"supported_entity\": \"EMP\","
                        + " \"patterns\": [" + "{\"regex\": \"x\"},".repeat(64) + "{\"regex\": \"y\"}]}]}",
                        "ad_hoc_recognizers", "at most 64 patterns"),
                Arguments.of("anonymize", "{\"text\": \"Ann\"}", "analyzer_results", "is required"),
                Arguments.of("anonymize", "{\"analyzer_results\": []}", "text", "is required"),
                Arguments.of("anonymize", anonymize("{\"end\": 3, \"score\": 1, \"entity_type\": \"PERSON\"}", "{}"),
                        "analyzer_results[0].start", "is required"),
                Arguments.of("anonymize", anonymize("{\"start\": 0, \"end\": 30, \"score\": 1, \"entity_type\": \"PERSON\"}", "{}"),
                        "analyzer_results[0].end", "outside the text of length 9"),
                Arguments.of("anonymize", anonymize("{\"start\": 3, \"end\": 1, \"score\": 1, \"entity_type\": \"PERSON\"}", "{}"),
                        "analyzer_results[0].end", "greater than start"),
                Arguments.of("anonymize", anonymize("{\"start\": 0, \"end\": 3, \"score\": 1, \"entity_type\": \"person\"}", "{}"),
                        "analyzer_results[0].entity_type", "upper-case"),
                Arguments.of("anonymize", anonymize("{\"start\": 0, \"end\": 3, \"score\": 2, \"entity_type\": \"PERSON\"}", "{}"),
                        "analyzer_results[0].score", "[0, 1]"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"DEFAULT\": {\"type\": \"scramble\"}}"),
                        "anonymizers.DEFAULT.type", "unknown operator 'scramble'"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"PERSON\": {\"new_value\": \"x\"}}"),
                        "anonymizers.PERSON.type", "is required"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"PERSN\": {\"type\": \"redact\"}}"),
                        "anonymizers.PERSN", "unknown entity 'PERSN'"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"PERSON\": {\"type\": \"mask\", \"chars_to_mask\": -1}}"),
                        "anonymizers.PERSON.chars_to_mask", ">= 0"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"PERSON\": {\"type\": \"mask\", \"masking_char\": \"ab\"}}"),
                        "anonymizers.PERSON.masking_char", "exactly one character"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"PERSON\": {\"type\": \"hash\", \"hash_type\": \"md5\"}}"),
                        "anonymizers.PERSON.hash_type", "sha256"),
                Arguments.of("anonymize", anonymize(PERSON, "{\"PERSON\": {\"type\": \"encrypt\", \"key\": \"short\"}}"),
                        "anonymizers.PERSON.key", "16, 24 or 32 bytes"),
                Arguments.of("deanonymize", "{\"text\": \"abc\", \"deanonymizers\": {}}", "anonymizer_results",
                        "is required"),
                Arguments.of("deanonymize", deanonymize("{\"DEFAULT\": {\"type\": \"replace\"}}"),
                        "deanonymizers.DEFAULT.type", "unknown operator 'replace'"),
                Arguments.of("deanonymize", deanonymize("{}"), "deanonymizers", "no operator for entity 'PERSON'"),
                Arguments.of("deanonymize", deanonymize("{\"PERSON\": {\"type\": \"decrypt\", \"key\": \"" + KEY + "\"}}"),
                        "deanonymizers.PERSON", "not base64"));
    }

    private static final String PERSON = "{\"start\": 0, \"end\": 3, \"score\": 0.9, \"entity_type\": \"PERSON\"}";

    private static String adHoc(String recognizer) {
        return "{\"text\": \"badge EMP-123456\", \"ad_hoc_recognizers\": [{" + recognizer + "}]}";
    }

    private static String anonymize(String result, String anonymizers) {
        return "{\"text\": \"Ann wrote\", \"analyzer_results\": [" + result + "], \"anonymizers\": " + anonymizers + "}";
    }

    private static String deanonymize(String deanonymizers) {
        return "{\"text\": \"<??> wrote\", \"deanonymizers\": " + deanonymizers
                + ", \"anonymizer_results\": [{\"start\": 0, \"end\": 4, \"entity_type\": \"PERSON\"}]}";
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badRequests")
    void rejectsWithTheFieldAndTheRule(String endpoint, String body, String field, String rule) {
        assertThatThrownBy(() -> call(endpoint, body)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    InvalidInputException bad = (InvalidInputException) e;
                    assertThat(bad.field()).isEqualTo(field);
                    assertThat(bad.rule()).contains(rule);
                    assertThat(bad.getMessage()).isEqualTo(field + ": " + bad.rule());
                    assertThat(bad.retriable()).isFalse();
                });
    }

    @Test
    void decryptingWithTheWrongKeyNamesTheKey() {
        EngineResponse enc = API.anonymize(new AnonymizeRequest("Ann wrote", java.util.Map.of("PERSON",
                new OperatorConfigJson("encrypt", null, null, null, null, null, null, KEY)),
                List.of(new AnalyzerResultJson("PERSON", 0, 3, 0.9, null, null))), null);
        DeanonymizeRequest wrongKey = new DeanonymizeRequest(enc.text(), java.util.Map.of("PERSON",
                new OperatorConfigJson("decrypt", null, null, null, null, null, null, "another-16-bytes")), enc.items());
        assertThatThrownBy(() -> API.deanonymize(wrongKey, null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("deanonymizers.PERSON.key: operator 'decrypt': authentication failed (wrong key or modified value)");
    }

    @Test
    void aMissingBodyIsRejectedAsAWhole() {
        assertThatThrownBy(() -> API.analyze(null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("");
    }

    @Test
    void invalidPatternsKeepTheirTypeWhenLocated() {
        assertThatThrownBy(() -> call("analyze", adHoc("\"supported_entity\": \"EMP\", \"patterns\": [{\"regex\": \"(\"}]")))
                .isInstanceOf(InvalidPatternException.class);
    }

    @Test
    @Timeout(10)
    void hostileButValidPatternsStayFastOnTheLongestText() {
        String text = "x".repeat(MAX - 1) + "!";
        String body = "{\"text\": \"" + text + "\", \"ad_hoc_recognizers\": [{\"supported_entity\": \"EMP\","
                + " \"patterns\": [{\"regex\": \"(x+x+)+y\"}, {\"regex\": \"(a|aa)*b\"}, {\"regex\": \"[a-z]{200}[0-9]\"}]}]}";
        long t0 = System.nanoTime();
        assertThat(API.analyze(read(body, AnalyzeRequest.class))).noneMatch(r -> r.entityType().equals("EMP"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    private static Object call(String endpoint, String body) {
        return switch (endpoint) {
            case "analyze" -> API.analyze(read(body, AnalyzeRequest.class));
            case "anonymize" -> API.anonymize(read(body, AnonymizeRequest.class), null);
            case "deanonymize" -> API.deanonymize(read(body, DeanonymizeRequest.class), new Vault());
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("test body is not JSON: " + body, e);
        }
    }
}
