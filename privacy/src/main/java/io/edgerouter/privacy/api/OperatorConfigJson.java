package io.edgerouter.privacy.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgerouter.privacy.operator.OperatorConfig;
import java.util.HashMap;
import java.util.Map;

/** An entry of {@code anonymizers} / {@code deanonymizers}: operator type plus Presidio's parameter names. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorConfigJson(
        @JsonProperty("type") String type,
        @JsonProperty("new_value") String newValue,
        @JsonProperty("masking_char") String maskingChar,
        @JsonProperty("chars_to_mask") Integer charsToMask,
        @JsonProperty("from_end") Boolean fromEnd,
        @JsonProperty("hash_type") String hashType,
        @JsonProperty("salt") String salt,
        @JsonProperty("key") String key) {

    public static OperatorConfigJson ofType(String type) {
        return new OperatorConfigJson(type, null, null, null, null, null, null, null);
    }

    public OperatorConfig toConfig() {
        Map<String, Object> p = new HashMap<>();
        p.put("new_value", newValue);
        p.put("masking_char", maskingChar);
        p.put("chars_to_mask", charsToMask);
        p.put("from_end", fromEnd);
        p.put("hash_type", hashType);
        p.put("salt", salt);
        p.put("key", key);
        return new OperatorConfig(type, p);
    }
}
