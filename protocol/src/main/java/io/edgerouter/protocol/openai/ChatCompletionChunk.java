package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One server-sent event of a streamed completion ({@code object: chat.completion.chunk}). The first
 * chunk carries the assistant role, the last one the finish reason; with
 * {@code stream_options.include_usage} a final chunk with no choices carries the usage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("created") long created,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("route") RouteSummary route) implements CompletionPart {

    public static ChatCompletionChunk role(String id, long created, String model, RouteSummary route) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new Choice(0, new Delta("assistant", ""), null)), null, route);
    }

    public static ChatCompletionChunk text(String id, long created, String model, String text) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new Choice(0, new Delta(null, text), null)), null, null);
    }

    public static ChatCompletionChunk finish(String id, long created, String model, String finishReason) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
                List.of(new Choice(0, new Delta(null, null), finishReason)), null, null);
    }

    public static ChatCompletionChunk usage(String id, long created, String model, Usage usage) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(), usage, null);
    }

    /** The delta text of the first choice, or empty. */
    @Override
    public String text() {
        if (choices == null || choices.isEmpty() || choices.get(0).delta() == null || choices.get(0).delta().content() == null) {
            return "";
        }
        return choices.get(0).delta().content();
    }

    @Override
    public String finishReason() {
        return choices == null || choices.isEmpty() ? null : choices.get(0).finishReason();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(
            @JsonProperty("index") int index,
            @JsonProperty("delta") Delta delta,
            @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(@JsonProperty("role") String role, @JsonProperty("content") String content) {
    }
}
