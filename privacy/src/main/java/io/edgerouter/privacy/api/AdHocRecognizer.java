package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A pattern recognizer sent inside an analyze request (Presidio's {@code ad_hoc_recognizers} entries).
 * Patterns run on RE2/J; {@code deny_list} words are matched literally as whole words with score 1.0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdHocRecognizer(
        @JsonProperty("name") String name,
        @JsonProperty("supported_language") String supportedLanguage,
        @JsonProperty("supported_entity") String supportedEntity,
        @JsonProperty("patterns") List<PatternJson> patterns,
        @JsonProperty("deny_list") List<String> denyList,
        @JsonProperty("context") List<String> context) {

    /** One regex with its base score. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatternJson(@JsonProperty("name") String name, @JsonProperty("regex") String regex,
                              @JsonProperty("score") Double score) {
    }
}
