package io.edgerouter.protocol.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code POST /v1/verify}: check draft tokens against the cloud model.
 *
 * <p>The sampling parameters ({@code temperature}, {@code top_p}, {@code top_k}) describe the distribution the
 * answer is sampled from in {@code sample} mode: the cloud applies them to its own logits both in the acceptance
 * test and when it draws the correction, the bonus token and a one-shot continuation. They mean what they mean in
 * OpenAI's API, and a drafter that samples should use the same ones, with {@code draftLogprobs} taken from that
 * same (tempered, truncated) distribution. They are for {@code sample} mode only: {@code greedy} takes the argmax.
 *
 * @param tokenizerHash     hash of the edge tokenizer; a mismatch with the cloud's is a 409
 * @param sessionId         keeps the cloud KV cache between rounds; absent means stateless
 * @param contextIds        the whole context (first round or stateless)
 * @param contextAppendIds  tokens added to the session's context since the last round
 * @param draftIds          the draft tokens to verify
 * @param draftLogprobs     the draft model's log-probability of each draft token (sample mode)
 * @param mode              greedy or sample
 * @param seed              seeds the cloud's sampler in sample mode
 * @param temperature       sample mode: logits are divided by it, in (0, 2]; absent means 1
 * @param topP              sample mode: nucleus size, in (0, 1]; absent means 1 (off)
 * @param topK              sample mode: keep the k most likely tokens, 0 ≤ k ≤ vocabulary; absent or 0 means off
 * @param continueMaxTokens when set, the cloud finishes the answer itself after the accepted prefix (one-shot VERIFY)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyRequest(
        @JsonProperty("tokenizer_hash") String tokenizerHash,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("context_ids") List<Integer> contextIds,
        @JsonProperty("context_append_ids") List<Integer> contextAppendIds,
        @JsonProperty("draft_ids") List<Integer> draftIds,
        @JsonProperty("draft_logprobs") List<Double> draftLogprobs,
        @JsonProperty("mode") VerifyMode mode,
        @JsonProperty("seed") Long seed,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("continue_max_tokens") Integer continueMaxTokens) {

    /**
     * HTTP header every VERIFY call carries with {@link #sessionId()}: a load balancer in front of several gateways
     * hashes on it to send a session's rounds to the replica that holds its KV cache (it cannot read bodies); the
     * gateway refuses a header that disagrees with the body.
     */
    public static final String SESSION_HEADER = "x-edge-verify-session";


    /** A request without sampling parameters (greedy mode, or sample mode at the defaults). */
    public VerifyRequest(String tokenizerHash, String sessionId, List<Integer> contextIds, List<Integer> contextAppendIds,
                         List<Integer> draftIds, List<Double> draftLogprobs, VerifyMode mode, Long seed,
                         Integer continueMaxTokens) {
        this(tokenizerHash, sessionId, contextIds, contextAppendIds, draftIds, draftLogprobs, mode, seed,
                null, null, null, continueMaxTokens);
    }

    /** This request with the given sampling parameters (null leaves one unset). */
    public VerifyRequest withSampling(Double newTemperature, Double newTopP, Integer newTopK) {
        return new VerifyRequest(tokenizerHash, sessionId, contextIds, contextAppendIds, draftIds, draftLogprobs, mode,
                seed, newTemperature, newTopP, newTopK, continueMaxTokens);
    }
}
