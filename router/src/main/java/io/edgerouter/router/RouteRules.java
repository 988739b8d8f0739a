package io.edgerouter.router;

import io.edgerouter.protocol.policy.PrivacyAction;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Reasons;
import io.edgerouter.router.decision.RouteEstimate;
import io.edgerouter.router.policy.AppOverride;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.policy.Thresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision rules, in precedence order: cloud unreachable → LOCAL; a PII entity whose action is
 * {@code block_offload} → LOCAL; an app whose override says {@code cloud_allowed: false} → LOCAL; a forced
 * route (request, then app, then fleet policy) or else the score against the thresholds; finally the budget,
 * which steps OFFLOAD down to VERIFY and then LOCAL until the expected spend fits.
 */
final class RouteRules {

    record Choice(Route route, List<String> reasons) {
    }

    private final RouteRequest request;
    private final DeviceState device;
    private final RoutingPolicy policy;
    private final Thresholds thresholds;
    private final boolean piiBlocked;
    private final boolean piiMasked;
    private final AppOverride app;

    RouteRules(RouteRequest request, DeviceState device, RoutingPolicy policy, Thresholds thresholds) {
        this.request = request;
        this.device = device;
        this.policy = policy;
        this.thresholds = thresholds;
        boolean blocked = false, masked = false;
        for (String type : request.piiEntityTypes()) {
            PrivacyAction a = policy.privacyActionFor(type);
            blocked |= a == PrivacyAction.BLOCK_OFFLOAD;
            masked |= a == PrivacyAction.MASK;
        }
        this.piiBlocked = blocked;
        this.piiMasked = masked;
        this.app = policy.appFor(request.appId());
    }

    static boolean usesCloud(Route route) {
        return route != Route.LOCAL;
    }

    /** Whether any cloud route is possible at all (for escalation during generation). */
    boolean cloudAllowed() {
        return device.cloudReachable() && !piiBlocked && (app == null || app.cloudAllowed())
                && request.requestedRoute() != Route.LOCAL && fits(Route.VERIFY, null);
    }

    Choice choose(double score, List<RouteEstimate> estimates) {
        List<String> reasons = new ArrayList<>();
        if (!device.cloudReachable()) {
            reasons.add(Reasons.CLOUD_UNREACHABLE);
            return new Choice(Route.LOCAL, reasons);
        }
        if (piiBlocked) {
            reasons.add(Reasons.PII_BLOCK_OFFLOAD);
            return new Choice(Route.LOCAL, reasons);
        }
        if (app != null && !app.cloudAllowed()) {
            reasons.add(Reasons.APP_CLOUD_DISALLOWED);
            return new Choice(Route.LOCAL, reasons);
        }
        Route route = forced(reasons);
        if (route == null) {
            route = byScore(score, reasons);
        }
        Route affordable = route;
        while (usesCloud(affordable) && !fits(affordable, estimates)) {
            affordable = affordable == Route.OFFLOAD ? Route.VERIFY : Route.LOCAL;
        }
        if (affordable != route) {
            reasons.add(Reasons.BUDGET_EXHAUSTED);
        }
        if (usesCloud(affordable) && piiMasked) {
            reasons.add(Reasons.PII_MASK);
        }
        return new Choice(affordable, reasons);
    }

    private Route forced(List<String> reasons) {
        if (request.requestedRoute() != null) {
            reasons.add(Reasons.FORCED_BY_REQUEST);
            return request.requestedRoute();
        }
        if (app != null && app.forcedRoute() != null) {
            reasons.add(Reasons.FORCED_BY_APP);
            return app.forcedRoute();
        }
        if (policy.forcedRoute() != null) {
            reasons.add(Reasons.FORCED_BY_POLICY);
            return policy.forcedRoute();
        }
        if (app != null && app.thresholds() != null) {
            reasons.add(Reasons.APP_OVERRIDE);
        }
        return null;
    }

    private Route byScore(double score, List<String> reasons) {
        if (score >= thresholds.offloadAt()) {
            reasons.add(Reasons.threshold(score, thresholds.offloadAt(), true));
            return Route.OFFLOAD;
        }
        if (score >= thresholds.verifyAt()) {
            reasons.add(Reasons.threshold(score, thresholds.verifyAt(), true));
            reasons.add(Reasons.verifyBand(thresholds.verifyAt(), thresholds.offloadAt()));
            return Route.VERIFY;
        }
        reasons.add(Reasons.threshold(score, thresholds.verifyAt(), false));
        return Route.LOCAL;
    }

    /** Whether the route's expected spend still fits the hourly and daily token budgets and the daily money one. */
    private boolean fits(Route route, List<RouteEstimate> estimates) {
        long tokens = 0;
        double usd = 0;
        if (estimates != null) {
            for (RouteEstimate e : estimates) {
                if (e.route() == route) {
                    tokens = e.cloudTokens();
                    usd = e.costUsd();
                }
            }
        }
        boolean tokensOk = tokensFit(tokens, device.cloudTokensThisHour(), policy.budget().cloudTokensPerHour())
                && tokensFit(tokens, device.cloudTokensToday(), policy.budget().cloudTokensPerDay());
        boolean moneyOk = device.usdToday() + usd <= policy.budget().usdPerDay()
                && device.usdToday() < policy.budget().usdPerDay();
        return tokensOk && moneyOk;
    }

    private static boolean tokensFit(long tokens, long used, long limit) {
        return used < limit && tokens <= limit - used;
    }
}
