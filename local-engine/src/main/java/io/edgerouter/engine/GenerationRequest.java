package io.edgerouter.engine;

import io.edgerouter.engine.sampling.SamplingParams;

import java.util.List;
import java.util.Set;

/**
 * One generation call over already-tokenised input.
 *
 * @param promptTokens  the full prompt (chat template applied); a session reuses the cached common prefix
 * @param maxTokens     upper bound on emitted tokens, &gt; 0
 * @param stopTokenIds  ids that end generation (not included in the output)
 * @param stopStrings   texts that end generation (the output is cut before them)
 * @param minDraft      lower bound of the adaptive draft length k (speculative modes)
 * @param maxDraft      upper bound of k
 * @param topLogprobs   how many most likely tokens to report per emitted token (0 = none, at most 20)
 * @param answerPrefix  how many of the last prompt tokens are the start of the answer, already handed to the client
 *                      (text generated locally before the answer escalated to the cloud, or the tokens committed
 *                      before a fallback); 0 ≤ answerPrefix &lt; promptTokens.length, since at least one token
 *                      (the template's generation prompt, or BOS) must precede the answer. The output text is
 *                      decoded together with this prefix (so a leading space or a multi-byte character across the
 *                      boundary comes out right), stop strings are matched across the boundary, and
 *                      {@code maxTokens}, the result's tokens and text count only what follows it
 */
public record GenerationRequest(int[] promptTokens, int maxTokens, SamplingParams sampling, Set<Integer> stopTokenIds,
                                List<String> stopStrings, Decoding decoding, int minDraft, int maxDraft,
                                int topLogprobs, int answerPrefix) {

    /** Most alternatives per position a request may ask for (OpenAI's limit). */
    public static final int MAX_TOP_LOGPROBS = 20;

    public GenerationRequest {
        if (promptTokens == null || promptTokens.length == 0) {
            throw new InvalidRequestException("empty prompt: at least one prompt token is needed");
        }
        if (maxTokens <= 0) {
            throw new InvalidRequestException("maxTokens must be > 0, got " + maxTokens);
        }
        if (minDraft <= 0 || maxDraft < minDraft) {
            throw new InvalidRequestException("draft length k must satisfy 0 < minDraft ≤ maxDraft, got minDraft="
                    + minDraft + " maxDraft=" + maxDraft);
        }
        if (topLogprobs < 0 || topLogprobs > MAX_TOP_LOGPROBS) {
            throw new InvalidRequestException("topLogprobs must be in [0, " + MAX_TOP_LOGPROBS + "], got "
                    + topLogprobs);
        }
        if (answerPrefix < 0 || answerPrefix >= promptTokens.length) {
            throw new InvalidRequestException("answerPrefix must be in [0, " + (promptTokens.length - 1) + "] (fewer"
                    + " than the " + promptTokens.length + " prompt tokens), got " + answerPrefix);
        }
        promptTokens = promptTokens.clone();
        stopTokenIds = Set.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** Without an answer prefix. */
    public GenerationRequest(int[] promptTokens, int maxTokens, SamplingParams sampling, Set<Integer> stopTokenIds,
                             List<String> stopStrings, Decoding decoding, int minDraft, int maxDraft,
                             int topLogprobs) {
        this(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, minDraft, maxDraft, topLogprobs,
                0);
    }

    /** Without alternatives per token or an answer prefix. */
    public GenerationRequest(int[] promptTokens, int maxTokens, SamplingParams sampling, Set<Integer> stopTokenIds,
                             List<String> stopStrings, Decoding decoding, int minDraft, int maxDraft) {
        this(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, minDraft, maxDraft, 0, 0);
    }

    /** Greedy, no stop conditions, draft length in [1, 8]. */
    public static GenerationRequest of(int[] promptTokens, int maxTokens, Decoding decoding) {
        return new GenerationRequest(promptTokens, maxTokens, SamplingParams.greedy(), Set.of(), List.of(), decoding,
                1, 8);
    }

    public GenerationRequest withSampling(SamplingParams params) {
        return new GenerationRequest(promptTokens, maxTokens, params, stopTokenIds, stopStrings, decoding, minDraft,
                maxDraft, topLogprobs, answerPrefix);
    }

    public GenerationRequest withStops(Set<Integer> tokenIds, List<String> strings) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, tokenIds, strings, decoding, minDraft,
                maxDraft, topLogprobs, answerPrefix);
    }

    public GenerationRequest withDraftLength(int min, int max) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, min, max,
                topLogprobs, answerPrefix);
    }

    public GenerationRequest withTopLogprobs(int n) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, minDraft,
                maxDraft, n, answerPrefix);
    }

    /** The same request with the last {@code n} prompt tokens marking the start of the answer. */
    public GenerationRequest withAnswerPrefix(int n) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, minDraft,
                maxDraft, topLogprobs, n);
    }
}
