package io.edgerouter.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What the cloud gateway learned about a fleet from its telemetry ({@code GET /v1/fleet/{fleet}/stats}).
 *
 * @param fleet           the fleet
 * @param policyVersion   version of the fleet's policy in force at the gateway, 0 when none
 * @param recalibrations  policies the learning loop published for the fleet
 * @param scoreWindow     router scores held to cut thresholds from: scored decisions only, at most
 *                        {@code gateway.learning.score-window}
 * @param total           the whole fleet
 * @param apps            per app
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetStats(
        @JsonProperty("fleet") String fleet,
        @JsonProperty("policy_version") long policyVersion,
        @JsonProperty("recalibrations") long recalibrations,
        @JsonProperty("score_window") int scoreWindow,
        @JsonProperty("total") RouteStats total,
        @JsonProperty("apps") Map<String, RouteStats> apps) {

    public FleetStats {
        apps = Map.copyOf(apps);
    }

    /**
     * Aggregates over decisions and ratings.
     *
     * @param decisions         decisions reported (each counted once, however often it was delivered)
     * @param local             routed LOCAL
     * @param verify            routed VERIFY
     * @param offload           routed OFFLOAD
     * @param unscored          decisions whose route the score did not choose (forced, or nothing scored): counted in
     *                          routes and costs, kept out of the score window
     * @param cloudShare        (VERIFY + OFFLOAD) / decisions
     * @param acceptanceRate    accepted / drafted tokens over VERIFY decisions, 0 when nothing was drafted
     * @param cloudTokens       tokens the cloud processed
     * @param cloudTokensPerHour cloud tokens per hour of reported time (first to last decision), 0 when under a minute
     * @param costUsd           cloud tokens priced with the policy's {@code usd_per_million_tokens}
     * @param ratings           user ratings reported ({@code edge.routing.ratings}), one per completion
     * @param meanRating        mean rating in [-1, 1], 0 without ratings
     * @param ratingsByRoute    ratings per route the rated completion took (LOCAL, VERIFY, OFFLOAD)
     * @param meanLatencyMs     mean time to answer
     */
    public record RouteStats(
            @JsonProperty("decisions") long decisions,
            @JsonProperty("local") long local,
            @JsonProperty("verify") long verify,
            @JsonProperty("offload") long offload,
            @JsonProperty("unscored") long unscored,
            @JsonProperty("cloud_share") double cloudShare,
            @JsonProperty("acceptance_rate") double acceptanceRate,
            @JsonProperty("cloud_tokens") long cloudTokens,
            @JsonProperty("cloud_tokens_per_hour") double cloudTokensPerHour,
            @JsonProperty("cost_usd") double costUsd,
            @JsonProperty("ratings") long ratings,
            @JsonProperty("mean_rating") double meanRating,
            @JsonProperty("ratings_by_route") Map<String, RatingStats> ratingsByRoute,
            @JsonProperty("mean_latency_ms") double meanLatencyMs) {

        public RouteStats {
            ratingsByRoute = Map.copyOf(ratingsByRoute);
        }
    }

    /**
     * Ratings of the completions that took one route.
     *
     * @param ratings     ratings reported
     * @param meanRating  mean rating in [-1, 1], 0 without ratings
     * @param correct     ratings that said {@code correct: true}
     * @param incorrect   ratings that said {@code correct: false}
     */
    public record RatingStats(
            @JsonProperty("ratings") long ratings,
            @JsonProperty("mean_rating") double meanRating,
            @JsonProperty("correct") long correct,
            @JsonProperty("incorrect") long incorrect) {
    }
}
