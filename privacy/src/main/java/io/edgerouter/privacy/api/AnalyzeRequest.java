package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /v1/privacy/analyze}, shaped like Presidio's analyzer {@code /analyze}.
 * Unknown fields are ignored, as Presidio does, so that existing clients keep working.
 *
 * @param scoreThreshold null means the filter's configured default
 * @param entities       null or empty means all supported entities
 * @param allowList      exact values never to report (e.g. the company's own support address)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalyzeRequest(
        @JsonProperty("text") String text,
        @JsonProperty("language") String language,
        @JsonProperty("entities") List<String> entities,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("score_threshold") Double scoreThreshold,
        @JsonProperty("return_decision_process") Boolean returnDecisionProcess,
        @JsonProperty("ad_hoc_recognizers") List<AdHocRecognizer> adHocRecognizers,
        @JsonProperty("allow_list") List<String> allowList) {

    public AnalyzeRequest(String text, String language) {
        this(text, language, null, null, null, null, null, null);
    }
}
