package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/privacy/anonymize}, shaped like Presidio's anonymizer {@code /anonymize}:
 * {@code anonymizers} is keyed by entity type or {@code "DEFAULT"}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnonymizeRequest(
        @JsonProperty("text") String text,
        @JsonProperty("anonymizers") Map<String, OperatorConfigJson> anonymizers,
        @JsonProperty("analyzer_results") List<AnalyzerResultJson> analyzerResults) {
}
