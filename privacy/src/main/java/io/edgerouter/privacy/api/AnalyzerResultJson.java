package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.recognizer.AnalysisExplanation;
import io.edgerouter.privacy.recognizer.RecognizerResult;

/**
 * One analyzer result as Presidio serialises it; also the element type of {@code analyzer_results}
 * in an anonymize request (where only entity_type, start, end and score are read).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalyzerResultJson(
        @JsonProperty("entity_type") String entityType,
        @JsonProperty("start") Integer start,
        @JsonProperty("end") Integer end,
        @JsonProperty("score") Double score,
        @JsonProperty("analysis_explanation") ExplanationJson analysisExplanation,
        @JsonProperty("recognition_metadata") RecognitionMetadata recognitionMetadata) {

    /** Which recognizer produced the result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecognitionMetadata(@JsonProperty("recognizer_name") String recognizerName,
                                      @JsonProperty("recognizer_identifier") String recognizerIdentifier) {
    }

    /** Presidio's analysis_explanation object. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExplanationJson(
            @JsonProperty("recognizer") String recognizer,
            @JsonProperty("pattern_name") String patternName,
            @JsonProperty("pattern") String pattern,
            @JsonProperty("original_score") Double originalScore,
            @JsonProperty("score") Double score,
            @JsonProperty("textual_explanation") String textualExplanation,
            @JsonProperty("score_context_improvement") Double scoreContextImprovement,
            @JsonProperty("supportive_context_word") String supportiveContextWord,
            @JsonProperty("validation_result") Boolean validationResult) {
    }

    public static AnalyzerResultJson from(RecognizerResult r) {
        AnalysisExplanation e = r.explanation();
        ExplanationJson ex = e == null ? null : new ExplanationJson(e.recognizer(), e.patternName(), e.pattern(),
                e.originalScore(), e.score(), e.textualExplanation(), e.scoreContextImprovement(),
                e.supportiveContextWord(), e.validationResult());
        return new AnalyzerResultJson(r.entityType(), r.start(), r.end(), Math.round(r.score() * 100) / 100.0, ex,
                new RecognitionMetadata(r.recognizer(), r.recognizer()));
    }

    /** @throws InvalidInputException naming the missing or invalid field (relative to this object) */
    public RecognizerResult toResult() {
        require(entityType, "entity_type");
        require(start, "start");
        require(end, "end");
        require(score, "score");
        String recognizer = recognitionMetadata == null ? "" : recognitionMetadata.recognizerName();
        return new RecognizerResult(entityType, start, end, score, recognizer);
    }

    static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
    }
}
