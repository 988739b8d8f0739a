package io.edgerouter.protocol.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The cloud's verdict on a draft.
 *
 * @param accepted        how many leading draft tokens the target model accepts
 * @param nextToken       the target's token after the accepted prefix: a correction, or a bonus token if all were accepted
 * @param targetLogprobs  the target's log-probability of each accepted draft token and of {@code nextToken}
 * @param sessionId       the session to continue with
 * @param continuationIds tokens the cloud generated after {@code nextToken} (one-shot mode only)
 * @param finishReason    {@code stop} or {@code length} when the cloud finished the answer (one-shot mode only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(
        @JsonProperty("accepted") int accepted,
        @JsonProperty("next_token") int nextToken,
        @JsonProperty("target_logprobs") List<Double> targetLogprobs,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("continuation_ids") List<Integer> continuationIds,
        @JsonProperty("finish_reason") String finishReason) {
}
