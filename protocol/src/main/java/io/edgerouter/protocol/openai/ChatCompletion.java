package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A non-streamed chat completion in OpenAI's shape, with this project's extra {@code route} object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("created") long created,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("route") RouteSummary route) implements CompletionPart {

    public static ChatCompletion of(String id, long created, String model, String text, String finishReason, Usage usage, RouteSummary route) {
        return new ChatCompletion(id, "chat.completion", created, model,
                List.of(new Choice(0, ChatMessage.assistant(text), finishReason)), usage, route);
    }

    /** The text of the first choice. */
    @Override
    public String text() {
        return choices == null || choices.isEmpty() || choices.get(0).message() == null ? "" : choices.get(0).message().content();
    }

    @Override
    public String finishReason() {
        return choices == null || choices.isEmpty() ? null : choices.get(0).finishReason();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(
            @JsonProperty("index") int index,
            @JsonProperty("message") ChatMessage message,
            @JsonProperty("finish_reason") String finishReason) {
    }
}
