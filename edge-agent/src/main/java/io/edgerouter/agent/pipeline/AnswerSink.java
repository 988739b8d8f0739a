package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;

/**
 * Where an answer goes while it is produced: collected for a plain response, or written as
 * server-sent events. {@link #begin} comes once, before the first text, with the route as it stands
 * then; {@link #end} once at the end with the final route (fallbacks may have changed it).
 */
public interface AnswerSink {

    void begin(RouteSummary route);

    void text(String delta);

    /**
     * A piece of text with the log-probabilities of the tokens that made it (text completions asking for
     * {@code logprobs}); {@code delta} may be empty while the tokens' text is held back. Sinks without logprobs
     * take the text alone.
     */
    default void text(String delta, CompletionLogprobs logprobs) {
        if (!delta.isEmpty()) {
            text(delta);
        }
    }

    void end(String finishReason, Usage usage, RouteSummary route);

    /** Whether the client went away; generation stops when it does. */
    default boolean cancelled() {
        return false;
    }
}
