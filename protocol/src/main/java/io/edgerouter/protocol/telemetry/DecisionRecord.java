package io.edgerouter.protocol.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One routed request or subtask, published on {@code edge.routing.decisions}. Ids are hashed;
 * never prompt text or PII. Ratings travel apart, as {@link RatingRecord}s.
 *
 * @param requestIdHash     salted hash of the completion id
 * @param agentIdHash       salted hash of the agent id
 * @param subtaskIndex      0 for a whole request, else the subtask's position
 * @param route             LOCAL, VERIFY or OFFLOAD as taken
 * @param score             the router's score, absent when nothing was scored ({@code model: local}, a prompt the
 *                          router cannot read)
 * @param scored            false when the score did not choose the route: a forced route ({@code model: local|verify|cloud},
 *                          a {@code forced_route} of the app or the fleet) or no score at all. Such a record counts in
 *                          routes, tokens and costs but is no sample of the score distribution thresholds are cut
 *                          from. Absent (agents before this field): scored when a score is present
 * @param reasons           why the route was taken, e.g. {@code score>=0.62}, {@code pii:block_offload}
 * @param latencyMs         time to answer
 * @param promptTokens      prompt tokens
 * @param completionTokens  completion tokens
 * @param cloudTokens       tokens the cloud processed (0 for LOCAL)
 * @param draftTokens       draft tokens sent for verification (VERIFY)
 * @param acceptedTokens    draft tokens the cloud accepted (VERIFY)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionRecord(
        @JsonProperty("fleet") String fleet,
        @JsonProperty("app") String app,
        @JsonProperty("agent_id_hash") String agentIdHash,
        @JsonProperty("request_id_hash") String requestIdHash,
        @JsonProperty("subtask_index") int subtaskIndex,
        @JsonProperty("timestamp_ms") long timestampMs,
        @JsonProperty("route") String route,
        @JsonProperty("score") Double score,
        @JsonProperty("scored") Boolean scored,
        @JsonProperty("reasons") java.util.List<String> reasons,
        @JsonProperty("policy_version") long policyVersion,
        @JsonProperty("router_model_version") String routerModelVersion,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("cloud_tokens") int cloudTokens,
        @JsonProperty("draft_tokens") int draftTokens,
        @JsonProperty("accepted_tokens") int acceptedTokens) {

    /** Whether the score is a sample of what thresholds act on: present, and not flagged {@code scored: false}. */
    @JsonIgnore
    public boolean isThresholdSample() {
        return score != null && !Boolean.FALSE.equals(scored);
    }
}
