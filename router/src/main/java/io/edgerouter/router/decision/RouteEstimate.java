package io.edgerouter.router.decision;

import io.edgerouter.protocol.policy.Route;
import java.util.Objects;

/**
 * What one route is expected to cost for one request.
 *
 * @param cloudTokens tokens the cloud model processes (prompt + generated or verified)
 * @param costUsd     expected cloud bill in US dollars
 * @param latencyMs   expected time to the full answer, milliseconds
 * @param energyJ     expected device energy, joules
 */
public record RouteEstimate(Route route, long cloudTokens, double costUsd, double latencyMs, double energyJ) {

    public RouteEstimate {
        Objects.requireNonNull(route, "route");
        if (cloudTokens < 0 || !(costUsd >= 0) || !(latencyMs >= 0) || !(energyJ >= 0)) {
            throw new IllegalArgumentException("estimates must be finite and >= 0, got tokens=" + cloudTokens
                    + " cost=" + costUsd + " latency=" + latencyMs + " energy=" + energyJ);
        }
    }
}
