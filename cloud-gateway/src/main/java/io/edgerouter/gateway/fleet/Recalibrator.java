package io.edgerouter.gateway.fleet;

import io.edgerouter.protocol.policy.Policy;

import java.util.Optional;

/**
 * Recalibrates a fleet's thresholds from the scores its agents actually saw (RouteLLM style: the
 * thresholds are quantiles of the score distribution, not hand-set) so that the intended shares of
 * traffic go to OFFLOAD and VERIFY, shrunk when the observed cloud spend would break the budget.
 *
 * <p>The intended shares are the target in the current policy (the operator's, carried forward in every
 * policy the loop publishes, so a restarted gateway replaying the compacted topic still aims at it); without one,
 * the shares the current thresholds produce on the observed scores (then only the budget moves them).
 */
final class Recalibrator {

    /** What the fleet's telemetry says, as input to one recalibration. */
    record Observation(double[] sortedScores, long decisions, long cloudDecisions, long cloudTokens, double spanHours) {
    }

    private final double minChange;

    Recalibrator(double minChange) {
        this.minChange = minChange;
    }

    /** A new policy version when the thresholds move by at least the minimum change, else empty. */
    Optional<Policy> recalibrate(Policy current, Observation seen, String issuedBy) {
        double[] scores = seen.sortedScores();
        if (scores.length == 0) {
            return Optional.empty();
        }
        Policy.TargetShare target = current.routing().target()
                .orElseGet(() -> sharesOf(current.routing().thresholds().orElseThrow(), scores));
        double factor = budgetFactor(current.budget(), target, seen);
        double offloadShare = target.offloadShare() * factor;
        double cloudShare = Math.min(1, (target.offloadShare() + target.verifyShare()) * factor);
        double offload = thresholdForShare(scores, offloadShare);
        double verify = Math.min(offload, thresholdForShare(scores, cloudShare));
        Policy.Thresholds next = new Policy.Thresholds(round(offload), round(Math.min(offload, verify)));
        Optional<Policy.Thresholds> now = current.routing().thresholds();
        if (now.isPresent() && Math.abs(now.get().offload() - next.offload()) < minChange
                && Math.abs(now.get().verify() - next.verify()) < minChange) {
            return Optional.empty();
        }
        // the target stays next to the thresholds: agents route by the thresholds, the loop keeps aiming at the target
        Policy.Routing routing = new Policy.Routing(Optional.of(next), current.routing().target(),
                current.routing().escalation(), current.routing().splitSubtasks());
        return Optional.of(new Policy(current.version() + 1, current.fleet(), current.routerModelVersion(), issuedBy,
                routing, current.verify(), current.budget(), current.privacy(), current.apps()));
    }

    /**
     * Factor (at most 1) by which the cloud shares must shrink so the projected cloud tokens stay
     * within every budget: projected = tokens per cloud decision × decisions per hour × cloud share.
     */
    static double budgetFactor(Policy.Budget budget, Policy.TargetShare target, Observation seen) {
        double cloudShare = target.offloadShare() + target.verifyShare();
        if (seen.spanHours() <= 0 || seen.cloudDecisions() == 0 || cloudShare <= 0) {
            return 1; // no rate to project from
        }
        double tokensPerCloudDecision = (double) seen.cloudTokens() / seen.cloudDecisions();
        double perHour = tokensPerCloudDecision * (seen.decisions() / seen.spanHours()) * cloudShare;
        if (perHour <= 0) {
            return 1;
        }
        double factor = 1;
        if (budget.cloudTokensPerHour().isPresent()) {
            factor = Math.min(factor, budget.cloudTokensPerHour().getAsLong() / perHour);
        }
        if (budget.cloudTokensPerDay().isPresent()) {
            factor = Math.min(factor, budget.cloudTokensPerDay().getAsLong() / (perHour * 24));
        }
        if (budget.usdPerDay().isPresent() && budget.usdPerMillionTokens() > 0) {
            factor = Math.min(factor, budget.usdPerDay().getAsDouble() / (perHour * 24 * budget.usdPerMillionTokens() / 1e6));
        }
        return Math.max(0, factor);
    }

    /** The score at or above which {@code share} of the (ascending) scores lie; 1 when the share is 0. */
    static double thresholdForShare(double[] sorted, double share) {
        int n = sorted.length;
        int above = (int) Math.round(share * n);
        if (above <= 0) {
            return 1.0;
        }
        if (above >= n) {
            return 0.0;
        }
        // midway between the last score kept below and the first sent above, so ties at the edge are stable
        return Math.min(1.0, (sorted[n - above - 1] + sorted[n - above]) / 2);
    }

    /** Shares of the scores the thresholds send to OFFLOAD and VERIFY. */
    static Policy.TargetShare sharesOf(Policy.Thresholds t, double[] scores) {
        long offload = 0;
        long verify = 0;
        for (double s : scores) {
            if (s >= t.offload()) {
                offload++;
            } else if (s >= t.verify()) {
                verify++;
            }
        }
        return new Policy.TargetShare((double) offload / scores.length, (double) verify / scores.length);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
