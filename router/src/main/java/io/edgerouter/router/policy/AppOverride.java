package io.edgerouter.router.policy;

import io.edgerouter.protocol.policy.Route;

/**
 * Per-app deviation from the fleet policy; null fields inherit.
 *
 * @param forcedRoute  route every request of the app takes (still bounded by privacy, budget, reachability)
 * @param thresholds   threshold spec used instead of the policy's
 * @param cloudAllowed false keeps every request of the app on the device, whatever the score or forced route
 */
public record AppOverride(Route forcedRoute, ThresholdSpec thresholds, boolean cloudAllowed) {

    /** An override that lets the app use the cloud. */
    public AppOverride(Route forcedRoute, ThresholdSpec thresholds) {
        this(forcedRoute, thresholds, true);
    }
}
