package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The route a request took (or would take, for {@code POST /v1/route}) and why. Returned as the
 * extra {@code route} object of a chat completion and as the body of the dry run.
 *
 * @param route         LOCAL, VERIFY or OFFLOAD for the whole request (the most cloud-heavy subtask's route)
 * @param score         estimated probability that the local answer is not good enough; absent when the caller
 *                      forced LOCAL (nothing to decide, so nothing is scored)
 * @param subtasks      one entry per subtask when the router split the request
 * @param reasons       e.g. {@code score>=0.62}, {@code pii:block_offload}, {@code cloud_unreachable}
 * @param policyVersion the policy the decision used
 * @param routerModel   the router model version
 * @param latencyMs     time the decision took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSummary(
        @JsonProperty("route") String route,
        @JsonProperty("score") Double score,
        @JsonProperty("subtasks") List<Subtask> subtasks,
        @JsonProperty("reasons") List<String> reasons,
        @JsonProperty("policy_version") long policyVersion,
        @JsonProperty("router_model_version") String routerModel,
        @JsonProperty("latency_ms") double latencyMs) {

    /** One subtask's text (omitted in completions), route and score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subtask(
            @JsonProperty("text") String text,
            @JsonProperty("route") String route,
            @JsonProperty("score") Double score,
            @JsonProperty("depends_on") List<Integer> dependsOn,
            @JsonProperty("reasons") List<String> reasons) {
    }
}
