package io.edgerouter.protocol.openai;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A validated {@code POST /v1/chat/completions} request, as read by {@link ChatRequestReader}.
 *
 * @param model        the requested model name ({@code auto}, {@code local}, {@code verify}, {@code cloud} at the agent)
 * @param messages     at least one message
 * @param maxTokens    {@code max_tokens} or {@code max_completion_tokens}
 * @param temperature  0 means greedy
 * @param topP         nucleus mass in (0, 1]
 * @param seed         seeds sampling for reproducible output
 * @param stop         up to four stop strings
 * @param stream       answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}: a last chunk carries the usage
 * @param user         the caller's end-user id (only ever hashed)
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        OptionalInt maxTokens,
        OptionalDouble temperature,
        OptionalDouble topP,
        OptionalLong seed,
        List<String> stop,
        boolean stream,
        boolean includeUsage,
        Optional<String> user) implements GenerationOptions {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(topP, "topP");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(user, "user");
    }

    /** A plain request with defaults for everything but the model and messages. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), List.of(), false, false, Optional.empty());
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, maxTokens, temperature, topP, seed, stop, stream, includeUsage, user);
    }

    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return new ChatRequest(model, newMessages, maxTokens, temperature, topP, seed, stop, stream, includeUsage, user);
    }

    public ChatRequest withStream(boolean newStream) {
        return new ChatRequest(model, messages, maxTokens, temperature, topP, seed, stop, newStream, includeUsage, user);
    }

    /** The same request with {@code user} replaced (empty: no {@code user} field). */
    public ChatRequest withUser(Optional<String> newUser) {
        return new ChatRequest(model, messages, maxTokens, temperature, topP, seed, stop, stream, includeUsage, newUser);
    }

    /** The same request with {@code stream_options.include_usage} set as given. */
    public ChatRequest withIncludeUsage(boolean newIncludeUsage) {
        return new ChatRequest(model, messages, maxTokens, temperature, topP, seed, stop, stream, newIncludeUsage, user);
    }

    public ChatRequest withMaxTokens(int newMaxTokens) {
        return new ChatRequest(model, messages, OptionalInt.of(newMaxTokens), temperature, topP, seed, stop, stream, includeUsage, user);
    }

    /** The text of the last user message, or empty. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
