package io.edgerouter.agent.engine;

/**
 * What the local engine produced for one prompt.
 *
 * @param tokens           the answer's token ids
 * @param text             the answer
 * @param promptTokens     prompt length in tokens
 * @param completionTokens answer length in tokens
 * @param finishReason     OpenAI's {@code stop} or {@code length}
 * @param drafted          draft tokens proposed by speculative decoding
 * @param accepted         draft tokens accepted
 * @param engineNanos      wall time inside the engine
 * @param cachedTokens     prompt tokens whose KV cache an earlier turn left (not prefilled again)
 */
public record LocalAnswer(int[] tokens, String text, int promptTokens, int completionTokens, String finishReason, long drafted,
                          long accepted, long engineNanos, int cachedTokens) {
}
