package io.edgerouter.protocol.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user's rating of one completion ({@code POST /v1/feedback}), published on {@code edge.routing.ratings}. Ids are
 * hashed exactly as in the completion's {@link DecisionRecord}s, so the two can be joined; never prompt text or PII.
 * A completion is rated as a whole, once.
 *
 * @param agentIdHash        salted hash of the agent id
 * @param requestIdHash      salted hash of the completion id
 * @param subtaskIndex       {@value #WHOLE_COMPLETION}: the rating is of the whole completion (subtasks are not rated
 *                           one by one)
 * @param route              the route the completion took overall: LOCAL, VERIFY or OFFLOAD
 * @param score              the router's score of the completion, absent when nothing was scored
 * @param scored             false when the route was forced or nothing was scored (see {@link DecisionRecord#scored})
 * @param routerModelVersion router model (scorer + calibration version) when the rating arrived
 * @param rating             in [-1, 1]; a bare {@code correct} becomes 1 or -1
 * @param correct            what the user said about correctness, absent when only a rating was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RatingRecord(
        @JsonProperty("fleet") String fleet,
        @JsonProperty("app") String app,
        @JsonProperty("agent_id_hash") String agentIdHash,
        @JsonProperty("request_id_hash") String requestIdHash,
        @JsonProperty("subtask_index") int subtaskIndex,
        @JsonProperty("timestamp_ms") long timestampMs,
        @JsonProperty("route") String route,
        @JsonProperty("score") Double score,
        @JsonProperty("scored") Boolean scored,
        @JsonProperty("router_model_version") String routerModelVersion,
        @JsonProperty("rating") double rating,
        @JsonProperty("correct") Boolean correct) {

    /** The subtask index of a rating of a whole completion. */
    public static final int WHOLE_COMPLETION = -1;

    public RatingRecord {
        if (!(rating >= -1 && rating <= 1)) {
            throw new IllegalArgumentException("rating must be between -1 and 1, got " + rating);
        }
        if (score != null && !(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be between 0 and 1, got " + score);
        }
    }
}
