package io.edgerouter.gateway.fleet;

import io.edgerouter.protocol.fleet.FleetStats;
import io.edgerouter.protocol.telemetry.RatingRecord;

/** Running sums over the ratings of completions that took one route; part of {@link RouteCounters}' stored state. */
final class RatingCounters {

    private long ratings;
    private double sum;
    private long correct;
    private long incorrect;

    void add(RatingRecord r) {
        ratings++;
        sum += r.rating();
        if (r.correct() != null) {
            if (r.correct()) {
                correct++;
            } else {
                incorrect++;
            }
        }
    }

    long ratings() {
        return ratings;
    }

    double sum() {
        return sum;
    }

    FleetStats.RatingStats snapshot() {
        return new FleetStats.RatingStats(ratings, ratings == 0 ? 0 : sum / ratings, correct, incorrect);
    }
}
