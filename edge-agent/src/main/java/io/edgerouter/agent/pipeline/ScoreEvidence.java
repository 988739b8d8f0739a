package io.edgerouter.agent.pipeline;

import java.util.List;

/**
 * Whether an answer is evidence about the router's score: the score chose its route. A forced route
 * ({@code model: local|verify|cloud}, an app's or the fleet's {@code forced_route}, reasons {@code forced:*}) or an
 * answer nothing was scored for says nothing about how good the local model is at that score, nor about the traffic
 * the thresholds act on: it must not move the router's online calibration nor the fleet's score window.
 */
public final class ScoreEvidence {

    /** The prefix of every reason that says the route was forced. */
    static final String FORCED_PREFIX = "forced:";

    private ScoreEvidence() {
    }

    /** True when a score exists and no reason says the route was forced. */
    public static boolean scoreChoseRoute(Double score, List<String> reasons) {
        return score != null && !forced(reasons);
    }

    static boolean forced(List<String> reasons) {
        for (String r : reasons) {
            if (r.startsWith(FORCED_PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
