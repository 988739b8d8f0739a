package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;

import java.util.LinkedHashSet;
import java.util.List;

/** The {@code route} object of an answer, from the router's decision and what happened since. */
public final class RouteSummaries {

    /** The reason of a route the caller chose with its {@code model}. */
    static final String FORCED_LOCAL = "forced:request";

    private RouteSummaries() {
    }

    static RouteSummary of(Decision d, Route route, List<String> reasons, List<RouteSummary.Subtask> subtasks, long t0) {
        return new RouteSummary(route.name(), d.score(), subtasks.size() > 1 ? List.copyOf(subtasks) : null,
                List.copyOf(new LinkedHashSet<>(reasons)), policyVersion(d), d.routerModelVersion(), sinceMillis(t0));
    }

    /** A LOCAL answer nothing was decided for ({@code model: local}, a prompt the router cannot read): no score. */
    static RouteSummary unscored(List<String> reasons, long policyVersion, String routerModelVersion, long t0) {
        return new RouteSummary(Route.LOCAL.name(), null, null, List.copyOf(reasons), policyVersion, routerModelVersion,
                sinceMillis(t0));
    }

    private static double sinceMillis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * The version of the policy a decision was made under ({@code fleet@version}), not the one in force now:
     * a policy arriving while the router decides must not be reported for a decision it did not shape.
     */
    public static long policyVersion(Decision d) {
        String v = d.policyVersion();
        int at = v.lastIndexOf('@');
        try {
            return Long.parseLong(at >= 0 ? v.substring(at + 1) : v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
