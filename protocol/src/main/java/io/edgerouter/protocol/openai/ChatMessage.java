package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One chat message. Content parts of type {@code text} sent by newer OpenAI clients are joined into
 * {@link #content()} by the reader; other part types are rejected.
 *
 * @param role    {@code system}, {@code user} or {@code assistant} ({@code developer} is read as {@code system})
 * @param content the text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(@JsonProperty("role") String role, @JsonProperty("content") String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
