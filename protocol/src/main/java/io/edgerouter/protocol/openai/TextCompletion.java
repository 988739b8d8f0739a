package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A text completion in OpenAI's legacy shape ({@code object: text_completion}), with this project's extra
 * {@code route} object. Streamed chunks have the same shape: each carries a piece of the text (and its logprobs),
 * the last one the finish reason; with {@code stream_options.include_usage} a final chunk with no choices carries the
 * usage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextCompletion(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("created") long created,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("route") RouteSummary route) implements CompletionPart {

    public static final String OBJECT = "text_completion";

    public static TextCompletion of(String id, long created, String model, String text, String finishReason,
                                    CompletionLogprobs logprobs, Usage usage, RouteSummary route) {
        return new TextCompletion(id, OBJECT, created, model, List.of(new Choice(0, text, logprobs, finishReason)), usage, route);
    }

    /** A streamed piece of text (and its logprobs, or null). */
    public static TextCompletion chunk(String id, long created, String model, String text, CompletionLogprobs logprobs) {
        return of(id, created, model, text, null, logprobs, null, null);
    }

    /** The last streamed chunk with text: no text, the finish reason. */
    public static TextCompletion finish(String id, long created, String model, String finishReason, RouteSummary route) {
        return of(id, created, model, "", finishReason, null, null, route);
    }

    /** The chunk after the last one when the caller asked for usage: no choices. */
    public static TextCompletion usage(String id, long created, String model, Usage usage) {
        return new TextCompletion(id, OBJECT, created, model, List.of(), usage, null);
    }

    @Override
    public String text() {
        return choices == null || choices.isEmpty() || choices.get(0).text() == null ? "" : choices.get(0).text();
    }

    @Override
    public String finishReason() {
        return choices == null || choices.isEmpty() ? null : choices.get(0).finishReason();
    }

    @Override
    public CompletionLogprobs logprobs() {
        return choices == null || choices.isEmpty() ? null : choices.get(0).logprobs();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Choice(
            @JsonProperty("index") int index,
            @JsonProperty("text") String text,
            @JsonProperty("logprobs") CompletionLogprobs logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }
}
