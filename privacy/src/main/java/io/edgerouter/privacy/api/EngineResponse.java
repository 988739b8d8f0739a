package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgerouter.privacy.operator.EngineResult;
import java.util.List;

/** Response of anonymize and deanonymize, as in Presidio: {@code {"text": ..., "items": [...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineResponse(@JsonProperty("text") String text, @JsonProperty("items") List<OperatorResultJson> items) {

    public static EngineResponse from(EngineResult r) {
        return new EngineResponse(r.text(), r.items().stream().map(OperatorResultJson::from).toList());
    }
}
