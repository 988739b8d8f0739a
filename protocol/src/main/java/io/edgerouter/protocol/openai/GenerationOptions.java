package io.edgerouter.protocol.openai;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a chat completion and a (legacy) text completion request share: the model name and how to
 * sample, stop and stream. Implemented by {@link ChatRequest} and {@link CompletionRequest}, so the
 * code that samples, streams or forwards does not care which of the two it serves.
 */
public interface GenerationOptions {

    /** The requested model name ({@code auto}, {@code local}, {@code verify}, {@code cloud} at the agent). */
    String model();

    /** Most tokens to generate. */
    OptionalInt maxTokens();

    /** 0 means greedy. */
    OptionalDouble temperature();

    /** Nucleus mass in (0, 1]. */
    OptionalDouble topP();

    /** Seeds sampling for reproducible output. */
    OptionalLong seed();

    /** Up to four stop strings. */
    List<String> stop();

    /** Answer as server-sent events. */
    boolean stream();

    /** {@code stream_options.include_usage}: a last chunk carries the usage. */
    boolean includeUsage();

    /** The caller's end-user id (only ever hashed). */
    Optional<String> user();
}
