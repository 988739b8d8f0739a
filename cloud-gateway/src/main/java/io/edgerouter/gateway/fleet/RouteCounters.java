package io.edgerouter.gateway.fleet;

import io.edgerouter.protocol.fleet.FleetStats;
import io.edgerouter.protocol.telemetry.DecisionRecord;

/** Running sums over one fleet's (or app's) decisions. Not thread-safe: its {@link FleetLearning} guards it. */
final class RouteCounters {

    private static final double MS_PER_HOUR = 3_600_000.0;

    private long local;
    private long verify;
    private long offload;
    private long drafted;
    private long accepted;
    private long cloudTokens;
    private long ratings;
    private double ratingSum;
    private double latencySum;
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;

    void add(DecisionRecord d) {
        switch (d.route()) {
            case "LOCAL" -> local++;
            case "VERIFY" -> verify++;
            default -> offload++;
        }
        if ("VERIFY".equals(d.route())) {
            drafted += d.draftTokens();
            accepted += d.acceptedTokens();
        }
        cloudTokens += d.cloudTokens();
        if (d.rating() != null) {
            ratings++;
            ratingSum += d.rating();
        }
        latencySum += d.latencyMs();
        firstMs = Math.min(firstMs, d.timestampMs());
        lastMs = Math.max(lastMs, d.timestampMs());
    }

    long decisions() {
        return local + verify + offload;
    }

    long cloudDecisions() {
        return verify + offload;
    }

    long cloudTokens() {
        return cloudTokens;
    }

    /** Hours between the first and last decision; 0 when under a minute (too short to tell a rate). */
    double spanHours() {
        long span = lastMs - firstMs;
        return span < 60_000 ? 0 : span / MS_PER_HOUR;
    }

    FleetStats.RouteStats snapshot(double usdPerMillionTokens) {
        long n = decisions();
        double hours = spanHours();
        return new FleetStats.RouteStats(n, local, verify, offload,
                n == 0 ? 0 : (double) cloudDecisions() / n,
                drafted == 0 ? 0 : (double) accepted / drafted,
                cloudTokens,
                hours == 0 ? 0 : cloudTokens / hours,
                cloudTokens * usdPerMillionTokens / 1e6,
                ratings,
                ratings == 0 ? 0 : ratingSum / ratings,
                n == 0 ? 0 : latencySum / n);
    }
}
