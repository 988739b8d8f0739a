package io.edgerouter.router.decision;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.feature.LocalModelSignals;
import java.util.List;
import java.util.Objects;

/**
 * The router's answer for one request.
 *
 * @param route               route of the whole query
 * @param score               estimated probability that the local answer is not good enough, in [0, 1]
 * @param rawScore            the same before online calibration: what feedback on this request must carry
 *                            ({@code calibration.Outcome#rawScore})
 * @param estimates           expected cost, latency and energy of every route for the whole query
 * @param reasons             why, e.g. {@code pii:block_offload}, {@code budget_exhausted}, {@code score>=0.62}
 * @param subtasks            one entry per subtask, in answer order; a single-intent request has one
 * @param escalationEntropy   running local entropy (nats) at which a LOCAL generation should move to VERIFY;
 *                            NaN when escalation is not allowed (cloud barred, policy off, or route is not LOCAL)
 * @param escalationWindow    draft tokens the running entropy is averaged over (see EscalationRule)
 * @param policyVersion       version of the policy applied
 * @param routerModelVersion  scorer version plus online-calibration version
 * @param decisionNanos       time spent deciding
 * @param signals             the local-model signals the scores were shifted by ({@link LocalModelSignals#NONE} when
 *                            none were measured): what the agent reports, and what the escalation window starts from
 */
public record Decision(Route route, double score, double rawScore, List<RouteEstimate> estimates, List<String> reasons,
                       List<SubtaskDecision> subtasks, double escalationEntropy, int escalationWindow, String policyVersion,
                       String routerModelVersion, long decisionNanos, LocalModelSignals signals) {

    public Decision {
        Objects.requireNonNull(route, "route");
        estimates = List.copyOf(estimates);
        reasons = List.copyOf(reasons);
        subtasks = List.copyOf(subtasks);
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(routerModelVersion, "routerModelVersion");
        if (escalationWindow < 1) {
            throw new IllegalArgumentException("escalationWindow must be >= 1 token, got " + escalationWindow);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        signals = signals == null ? LocalModelSignals.NONE : signals;
    }

    /** A decision made without local-model signals. */
    public Decision(Route route, double score, double rawScore, List<RouteEstimate> estimates, List<String> reasons,
                    List<SubtaskDecision> subtasks, double escalationEntropy, int escalationWindow, String policyVersion,
                    String routerModelVersion, long decisionNanos) {
        this(route, score, rawScore, estimates, reasons, subtasks, escalationEntropy, escalationWindow, policyVersion,
                routerModelVersion, decisionNanos, LocalModelSignals.NONE);
    }

    /** This decision with other reasons (the agent adds the privacy filter's). */
    public Decision withReasons(List<String> newReasons) {
        return new Decision(route, score, rawScore, estimates, newReasons, subtasks, escalationEntropy, escalationWindow,
                policyVersion, routerModelVersion, decisionNanos, signals);
    }

    /** The estimate for the chosen route. */
    public RouteEstimate chosenEstimate() {
        return estimates.stream().filter(e -> e.route() == route).findFirst().orElseThrow();
    }
}
