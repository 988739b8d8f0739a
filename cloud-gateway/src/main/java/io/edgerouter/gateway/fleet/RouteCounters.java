package io.edgerouter.gateway.fleet;

import io.edgerouter.protocol.fleet.FleetStats;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;

import java.util.Map;
import java.util.TreeMap;

/**
 * Running sums over one fleet's (or app's) decisions and ratings. Kept as JSON of its fields in the learning loop's
 * {@code fleet-state} and {@code fleet-apps} stores; used by one stream task at a time.
 */
final class RouteCounters {

    private static final double MS_PER_HOUR = 3_600_000.0;

    private long local;
    private long verify;
    private long offload;
    private long unscored;
    private long drafted;
    private long accepted;
    private long cloudTokens;
    private double latencySum;
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;
    private Map<String, RatingCounters> ratings = new TreeMap<>();

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
        if (!d.isThresholdSample()) {
            unscored++;
        }
        cloudTokens += d.cloudTokens();
        latencySum += d.latencyMs();
        firstMs = Math.min(firstMs, d.timestampMs());
        lastMs = Math.max(lastMs, d.timestampMs());
    }

    void add(RatingRecord r) {
        ratings.computeIfAbsent(r.route(), k -> new RatingCounters()).add(r);
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
        long rated = 0;
        double ratingSum = 0;
        Map<String, FleetStats.RatingStats> byRoute = new TreeMap<>();
        for (Map.Entry<String, RatingCounters> e : ratings.entrySet()) {
            rated += e.getValue().ratings();
            ratingSum += e.getValue().sum();
            byRoute.put(e.getKey(), e.getValue().snapshot());
        }
        return new FleetStats.RouteStats(n, local, verify, offload, unscored,
                n == 0 ? 0 : (double) cloudDecisions() / n,
                drafted == 0 ? 0 : (double) accepted / drafted,
                cloudTokens,
                hours == 0 ? 0 : cloudTokens / hours,
                cloudTokens * usdPerMillionTokens / 1e6,
                rated,
                rated == 0 ? 0 : ratingSum / rated,
                byRoute,
                n == 0 ? 0 : latencySum / n);
    }
}
