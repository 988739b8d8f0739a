package io.edgerouter.privacy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.InvalidPatternException;
import io.edgerouter.privacy.PrivacyConfig;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.vault.Vault;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresidioApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PresidioApi API = new PresidioApi(PrivacyFilter.create(PrivacyConfig.defaults()));

    @Test
    void analyzeAcceptsAPresidioRequestAndAnswersInPresidioShape() throws Exception {
        AnalyzeRequest req = JSON.readValue("""
                {"text": "John Smith's phone is +44 20 7946 0958", "language": "en",
                 "entities": ["PHONE_NUMBER"], "score_threshold": 0.5, "correlation_id": "c-1",
                 "some_future_field": true}""", AnalyzeRequest.class);
        JsonNode out = JSON.valueToTree(API.analyze(req));
        assertThat(out).hasSize(1);
        JsonNode first = out.get(0);
        assertThat(first.get("entity_type").asText()).isEqualTo("PHONE_NUMBER");
        assertThat(first.get("start").asInt()).isEqualTo(22);
        assertThat(first.get("end").asInt()).isEqualTo(38);
        assertThat(first.get("score").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertThat(first.get("recognition_metadata").get("recognizer_name").asText()).isEqualTo("PhoneRecognizer");
        assertThat(first.has("analysis_explanation")).isFalse();
    }

    @Test
    void analyzeReturnsTheDecisionProcessWhenAsked() throws Exception {
        AnalyzeRequest req = JSON.readValue("""
                {"text": "card 4111 1111 1111 1111", "language": "en", "return_decision_process": true}""",
                AnalyzeRequest.class);
        JsonNode explanation = JSON.valueToTree(API.analyze(req)).get(0).get("analysis_explanation");
        assertThat(explanation.get("recognizer").asText()).isEqualTo("CreditCardRecognizer");
        assertThat(explanation.get("original_score").asDouble()).isEqualTo(0.3);
        assertThat(explanation.get("validation_result").asBoolean()).isTrue();
    }

    @Test
    void adHocRecognizersAndDenyListsRunOnRe2() throws Exception {
        AnalyzeRequest req = JSON.readValue("""
                {"text": "Project Falcon badge EMP-123456", "language": "en", "score_threshold": 0.4,
                 "ad_hoc_recognizers": [
                   {"name": "emp", "supported_language": "en", "supported_entity": "EMPLOYEE_ID",
                    "patterns": [{"name": "emp id", "regex": "EMP-[0-9]{6}", "score": 0.9}]},
                   {"name": "codenames", "supported_entity": "CODENAME", "deny_list": ["Falcon", "a.b"]}]}""",
                AnalyzeRequest.class);
        List<String> types = API.analyze(req).stream().map(AnalyzerResultJson::entityType).toList();
        assertThat(types).containsExactlyInAnyOrder("EMPLOYEE_ID", "CODENAME");
    }

    @Test
    void adHocRecognizerWithAnInvalidPatternIsRejectedWithItsName() {
        AnalyzeRequest req = new AnalyzeRequest("text", "en", null, null, null, null,
                List.of(new AdHocRecognizer("broken", "en", "X_ID",
                        List.of(new AdHocRecognizer.PatternJson("p", "(unclosed", 0.5)), null, null)), null, null, null,
                null);
        assertThatThrownBy(() -> API.analyze(req)).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("broken").extracting("field").isEqualTo("ad_hoc_recognizers[0].patterns[0].regex");
    }

    @Test
    void allowListSuppressesExactValues() {
        AnalyzeRequest req = new AnalyzeRequest("write to support@acme.com or ann@acme.com", "en", null, null, null,
                null, null, List.of("support@acme.com"), null, null, null);
        assertThat(API.analyze(req)).singleElement().satisfies(r -> assertThat(r.start()).isEqualTo(29));
    }

    @Test
    void anonymizeAndDecryptRoundTripThroughPresidioShapedJson() throws Exception {
        AnonymizeRequest anon = JSON.readValue("""
                {"text": "hello world, my name is Jane Doe. My number is: 034453334",
                 "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"},
                                 "PHONE_NUMBER": {"type": "encrypt", "key": "WmZq4t7w!z%C&F)J"}},
                 "analyzer_results": [
                   {"start": 24, "end": 32, "score": 0.8, "entity_type": "NAME"},
                   {"start": 48, "end": 57, "score": 0.95, "entity_type": "PHONE_NUMBER"}]}""",
                AnonymizeRequest.class);
        EngineResponse out = API.anonymize(anon, null);
        assertThat(out.text()).startsWith("hello world, my name is ANONYMIZED. My number is: ").doesNotContain("034453334");
        JsonNode json = JSON.valueToTree(out);
        assertThat(json.get("items").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("start", "end", "entity_type", "text", "operator");
        OperatorResultJson phone = out.items().stream().filter(i -> i.entityType().equals("PHONE_NUMBER")).findFirst()
                .orElseThrow();
        DeanonymizeRequest de = JSON.readValue("""
                {"text": %s, "deanonymizers": {"PHONE_NUMBER": {"type": "decrypt", "key": "WmZq4t7w!z%%C&F)J"}},
                 "anonymizer_results": [{"start": %d, "end": %d, "entity_type": "PHONE_NUMBER"}]}"""
                .formatted(JSON.writeValueAsString(out.text()), phone.start(), phone.end()), DeanonymizeRequest.class);
        assertThat(API.deanonymize(de, null).text()).isEqualTo("hello world, my name is ANONYMIZED. My number is: 034453334");
    }

    @Test
    void anonymizeWithAVaultProducesReversiblePlaceholders() {
        Vault vault = new Vault();
        String text = "Mail ann@example.com and ann@example.com";
        AnonymizeRequest req = new AnonymizeRequest(text, null, API.analyze(new AnalyzeRequest(text, "en")));
        EngineResponse out = API.anonymize(req, vault);
        assertThat(out.text()).isEqualTo("Mail <EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_1>");
        DeanonymizeRequest back = new DeanonymizeRequest(out.text(),
                java.util.Map.of("DEFAULT", OperatorConfigJson.ofType("restore")), out.items());
        assertThat(API.deanonymize(back, vault).text()).isEqualTo(text);
    }

    @Test
    void badRequestsFailWithClearMessages() {
        assertThatThrownBy(() -> API.analyze(new AnalyzeRequest(null, "en"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("text: is required");
        assertThatThrownBy(() -> API.analyze(new AnalyzeRequest("x", "en", List.of("NOPE"), null)))
                .hasMessageContaining("entities[0]: unknown entity 'NOPE'");
        assertThatThrownBy(() -> API.anonymize(new AnonymizeRequest("x", null, null), null))
                .hasMessageContaining("analyzer_results: is required");
        assertThatThrownBy(() -> API.anonymize(new AnonymizeRequest("abc", java.util.Map.of("DEFAULT",
                OperatorConfigJson.ofType("scramble")), List.of()), null)).hasMessageContaining("unknown operator 'scramble'");
        assertThatThrownBy(() -> API.supportedEntities("xx")).hasMessageContaining("'xx'");
    }

    @Test
    void supportedEntitiesUsesPresidioNamesPlusSecrets() throws Exception {
        List<String> names = JSON.convertValue(API.supportedEntities("en"), new TypeReference<List<String>>() { });
        assertThat(names).contains("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS",
                "MAC_ADDRESS", "URL", "US_SSN", "US_ITIN", "US_PASSPORT", "US_DRIVER_LICENSE", "US_BANK_NUMBER",
                "UK_NHS", "CRYPTO", "DATE_TIME", "PERSON", "LOCATION", "API_KEY", "AUTH_TOKEN", "PRIVATE_KEY", "SECRET",
                "MEDICAL_LICENSE", "UK_NINO", "ES_NIF", "ES_NIE", "IT_FISCAL_CODE", "IT_DRIVER_LICENSE", "IT_VAT_CODE",
                "IT_PASSPORT", "IT_IDENTITY_CARD", "PL_PESEL", "FI_PERSONAL_IDENTITY_CODE", "SG_NRIC_FIN", "AU_ABN",
                "AU_ACN", "AU_TFN", "AU_MEDICARE", "IN_PAN", "IN_AADHAAR", "IN_VEHICLE_REGISTRATION", "IN_VOTER",
                "IN_PASSPORT", "KR_RRN", "TH_TNIN");
    }

    @Test
    void adHocPatternsFollowPresidiosDefaultFlagsCaseInsensitive() throws Exception {
        String body = """
                {"text": "badge emp-123456", "score_threshold": 0.4, "ad_hoc_recognizers": [{"supported_entity": "EMPLOYEE_ID",
                  "patterns": [{"name": "emp", "regex": "EMP-[0-9]{6}", "score": 0.9}]}]}""";
        assertThat(API.analyze(JSON.readValue(body, AnalyzeRequest.class))).extracting(AnalyzerResultJson::entityType)
                .containsExactly("EMPLOYEE_ID");
        String caseSensitive = body.replace("\"text\"", "\"regex_flags\": 0, \"text\"");
        assertThat(API.analyze(JSON.readValue(caseSensitive, AnalyzeRequest.class))).isEmpty();
    }

    @Test
    void denyListsMatchWholeWordsAndPhrases() throws Exception {
        AnalyzeRequest req = JSON.readValue("""
                {"text": "Project Blue Falcon, not Falconry; also blue falcon", "ad_hoc_recognizers": [
                  {"supported_entity": "CODENAME", "deny_list": ["Blue Falcon", "Falcon"]}]}""", AnalyzeRequest.class);
        List<String> found = API.analyze(req).stream().filter(r -> r.entityType().equals("CODENAME"))
                .map(r -> req.text().substring(r.start(), r.end())).toList();
        assertThat(found).containsExactly("Blue Falcon", "blue falcon");
    }

    @Test
    void allowListEntriesCanBeRegexes() throws Exception {
        AnalyzeRequest req = JSON.readValue("""
                {"text": "write to support@acme.com, sales@acme.com or ann@example.org",
                 "allow_list": [".*@acme\\\\.com"], "allow_list_match": "regex"}""", AnalyzeRequest.class);
        assertThat(API.analyze(req)).singleElement()
                .satisfies(r -> assertThat(req.text().substring(r.start(), r.end())).isEqualTo("ann@example.org"));
    }

    @Test
    void withoutAScoreThresholdWeakMatchesComeBackWithTheirLowScoreAsFromPresidio() throws Exception {
        String text = "{\"text\": \"ref 340020013 attached\", \"entities\": [\"US_BANK_NUMBER\"]%s}";
        assertThat(API.analyze(JSON.readValue(text.formatted(""), AnalyzeRequest.class))).singleElement()
                .satisfies(r -> assertThat(r.score()).isLessThan(0.1));
        assertThat(API.analyze(JSON.readValue(text.formatted(", \"score_threshold\": 0.1"), AnalyzeRequest.class)))
                .isEmpty();
    }

    @Test
    void requestContextWordsRaiseWeakMatches() throws Exception {
        String text = "{\"text\": \"ref 340020013 attached\", \"entities\": [\"US_BANK_NUMBER\"], \"score_threshold\": 0.4%s}";
        assertThat(API.analyze(JSON.readValue(text.formatted(""), AnalyzeRequest.class))).isEmpty();
        assertThat(API.analyze(JSON.readValue(text.formatted(", \"context\": [\"ref\"]"), AnalyzeRequest.class)))
                .hasSize(1);
    }
}
