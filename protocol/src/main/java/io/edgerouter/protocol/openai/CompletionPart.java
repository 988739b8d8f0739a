package io.edgerouter.protocol.openai;

/**
 * What the agent reads from any completion the cloud sends back, whole or streamed, chat or text: the first choice's
 * text (or delta), its finish reason (null until the last chunk) and the usage (null when not reported).
 */
public interface CompletionPart {

    String text();

    String finishReason();

    Usage usage();

    /** The first choice's token log-probabilities, or null (chat completions never carry them here). */
    default CompletionLogprobs logprobs() {
        return null;
    }
}
