package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. Every 4xx and 5xx of both
 * apps uses it, so OpenAI clients surface the message.
 */
public record ErrorBody(@JsonProperty("error") Error error) {

    public static ErrorBody of(String message, String type, String param, String code) {
        return new ErrorBody(new Error(message, type, param, code));
    }

    /** A caller's mistake (400, 404, 413, 422). */
    public static ErrorBody invalid(String message, String param) {
        return of(message, "invalid_request_error", param, "invalid_request");
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(
            @JsonProperty("message") String message,
            @JsonProperty("type") String type,
            @JsonProperty("param") String param,
            @JsonProperty("code") String code) {
    }
}
