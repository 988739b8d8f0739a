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
 */
public record GenerationRequest(int[] promptTokens, int maxTokens, SamplingParams sampling, Set<Integer> stopTokenIds,
                                List<String> stopStrings, Decoding decoding, int minDraft, int maxDraft,
                                int topLogprobs) {

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
        promptTokens = promptTokens.clone();
        stopTokenIds = Set.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** Without alternatives per token. */
    public GenerationRequest(int[] promptTokens, int maxTokens, SamplingParams sampling, Set<Integer> stopTokenIds,
                             List<String> stopStrings, Decoding decoding, int minDraft, int maxDraft) {
        this(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, minDraft, maxDraft, 0);
    }

    /** Greedy, no stop conditions, draft length in [1, 8]. */
    public static GenerationRequest of(int[] promptTokens, int maxTokens, Decoding decoding) {
        return new GenerationRequest(promptTokens, maxTokens, SamplingParams.greedy(), Set.of(), List.of(), decoding,
                1, 8);
    }

    public GenerationRequest withSampling(SamplingParams params) {
        return new GenerationRequest(promptTokens, maxTokens, params, stopTokenIds, stopStrings, decoding, minDraft,
                maxDraft, topLogprobs);
    }

    public GenerationRequest withStops(Set<Integer> tokenIds, List<String> strings) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, tokenIds, strings, decoding, minDraft,
                maxDraft, topLogprobs);
    }

    public GenerationRequest withDraftLength(int min, int max) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, min, max,
                topLogprobs);
    }

    public GenerationRequest withTopLogprobs(int n) {
        return new GenerationRequest(promptTokens, maxTokens, sampling, stopTokenIds, stopStrings, decoding, minDraft,
                maxDraft, n);
    }
}
