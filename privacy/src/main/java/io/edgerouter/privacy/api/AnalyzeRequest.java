package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /v1/privacy/analyze}, shaped like Presidio's analyzer {@code /analyze}.
 * Unknown fields are ignored, as Presidio does, so that existing clients keep working.
 *
 * @param scoreThreshold null means Presidio's default, 0 (every result, weak ones included)
 * @param entities       null or empty means all supported entities
 * @param allowList      values never to report (e.g. the company's own support address)
 * @param allowListMatch {@code exact} (default) or {@code regex}: how allow-list entries are compared with a
 *                       detected value (regexes run on RE2/J and must match the whole value)
 * @param context        extra context words that raise the score of weak matches near them, as recognizers'
 *                       own context words do
 * @param regexFlags     Python {@code re} flag bits for ad-hoc patterns and allow-list regexes, as Presidio takes
 *                       them: IGNORECASE 2, MULTILINE 8, DOTALL 16 (default 26, Presidio's default); others ignored
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
        @JsonProperty("allow_list") List<String> allowList,
        @JsonProperty("allow_list_match") String allowListMatch,
        @JsonProperty("context") List<String> context,
        @JsonProperty("regex_flags") Integer regexFlags) {

    public AnalyzeRequest(String text, String language) {
        this(text, language, null, null, null, null, null, null, null, null, null);
    }

    /** The fields most callers set; the rest keep Presidio's defaults. */
    public AnalyzeRequest(String text, String language, List<String> entities, Double scoreThreshold) {
        this(text, language, entities, null, scoreThreshold, null, null, null, null, null, null);
    }
}
