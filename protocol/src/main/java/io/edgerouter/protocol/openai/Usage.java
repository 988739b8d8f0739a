package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts of one completion, as OpenAI reports them.
 *
 * @param promptTokensDetails how many prompt tokens came from a cache (the device's KV cache of an earlier turn), or
 *                            null when nothing was cached
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("total_tokens") int totalTokens,
        @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails) {

    public Usage(int promptTokens, int completionTokens, int totalTokens) {
        this(promptTokens, completionTokens, totalTokens, null);
    }

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** With {@code cachedTokens} prompt tokens reused from a cache (none: no details, as OpenAI leaves them out). */
    public static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
                cachedTokens > 0 ? new PromptTokensDetails(cachedTokens) : null);
    }

    /** OpenAI's {@code usage.prompt_tokens_details}. */
    public record PromptTokensDetails(@JsonProperty("cached_tokens") int cachedTokens) {
    }
}
