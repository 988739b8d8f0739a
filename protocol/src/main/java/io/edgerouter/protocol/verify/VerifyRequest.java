package io.edgerouter.protocol.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code POST /v1/verify}: check draft tokens against the cloud model.
 *
 * @param tokenizerHash     hash of the edge tokenizer; a mismatch with the cloud's is a 409
 * @param sessionId         keeps the cloud KV cache between rounds; absent means stateless
 * @param contextIds        the whole context (first round or stateless)
 * @param contextAppendIds  tokens added to the session's context since the last round
 * @param draftIds          the draft tokens to verify
 * @param draftLogprobs     the draft model's log-probability of each draft token (sample mode)
 * @param mode              greedy or sample
 * @param seed              seeds the cloud's sampler in sample mode
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
        @JsonProperty("continue_max_tokens") Integer continueMaxTokens) {
}
