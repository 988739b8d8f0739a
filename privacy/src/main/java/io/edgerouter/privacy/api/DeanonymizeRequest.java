package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/privacy/deanonymize}, shaped like Presidio's {@code /deanonymize}: the anonymized
 * text, the {@code items} an anonymize call returned (as {@code anonymizer_results}) and a deanonymizer per
 * entity type ({@code decrypt} with its key, or {@code restore} for vault placeholders).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeanonymizeRequest(
        @JsonProperty("text") String text,
        @JsonProperty("deanonymizers") Map<String, OperatorConfigJson> deanonymizers,
        @JsonProperty("anonymizer_results") List<OperatorResultJson> anonymizerResults) {
}
