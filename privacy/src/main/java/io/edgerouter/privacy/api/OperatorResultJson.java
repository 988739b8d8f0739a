package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgerouter.privacy.operator.OperatorResult;

/** One element of the {@code items} of an anonymize/deanonymize response (and of {@code anonymizer_results}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorResultJson(
        @JsonProperty("start") Integer start,
        @JsonProperty("end") Integer end,
        @JsonProperty("entity_type") String entityType,
        @JsonProperty("text") String text,
        @JsonProperty("operator") String operator) {

    public static OperatorResultJson from(OperatorResult r) {
        return new OperatorResultJson(r.start(), r.end(), r.entityType(), r.text(), r.operator());
    }
}
