package io.edgerouter.gateway.fleet;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.policy.PolicyPublisher;
import io.edgerouter.gateway.policy.PolicyRegistry;
import io.edgerouter.protocol.fleet.FleetStats;
import io.edgerouter.protocol.fleet.Identifiers;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learning loop: aggregates the fleet's decisions and ratings per fleet and app, and every
 * {@code gateway.learning.min-decisions} scored decisions recalibrates the fleet's thresholds
 * ({@link Recalibrator}) and publishes a new policy version when they moved materially.
 *
 * <p>Only scored decisions feed the score window the thresholds are cut from: a forced route
 * ({@code model: local|verify|cloud}, an app's or the fleet's {@code forced_route}) or an answer nothing was scored
 * for says nothing about the traffic the thresholds act on. Such decisions still count in routes, tokens and costs
 * (they did cost cloud tokens, and the budget projection needs them) and in {@code gateway_decisions_unscored_total}.
 * Ratings are counted and exposed per route ({@link RouteCounters}); they move no threshold.
 */
@ApplicationScoped
public class FleetLearning {

    private static final Logger LOG = Logger.getLogger(FleetLearning.class);

    private final PolicyRegistry policies;
    private final PolicyPublisher publisher;
    private final Recalibrator recalibrator;
    private final boolean enabled;
    private final int minDecisions;
    private final int window;
    private final Map<String, Fleet> fleets = new ConcurrentHashMap<>();
    private final Counter published;
    private final Counter unscored;
    private final int maxApps;
    private final Counter foldedInvalid;
    private final Counter foldedOverLimit;

    /**
     * The statistics bucket of apps beyond {@code gateway.learning.max-apps-per-fleet} and of app ids that are not
     * identifiers; itself not an identifier, so no real app shares it.
     */
    public static final String OTHER_APPS = "(other)";

    FleetLearning(PolicyRegistry policies, PolicyPublisher publisher, GatewayConfig config, MeterRegistry registry) {
        this.policies = policies;
        this.publisher = publisher;
        this.recalibrator = new Recalibrator(config.learning().minThresholdChange());
        this.enabled = config.learning().enabled() && config.kafka().enabled();
        this.minDecisions = config.learning().minDecisions();
        this.window = config.learning().scoreWindow();
        this.published = Counter.builder("gateway_recalibrated_policies_total")
                .description("Policies the learning loop published").register(registry);
        this.maxApps = config.learning().maxAppsPerFleet();
        this.foldedInvalid = Counter.builder("gateway_app_ids_folded_total").tag("reason", "invalid")
                .description("Telemetry records counted under (other): app id not an identifier, or too many apps")
                .register(registry);
        this.foldedOverLimit = Counter.builder("gateway_app_ids_folded_total").tag("reason", "over_limit")
                .description("Telemetry records counted under (other): app id not an identifier, or too many apps")
                .register(registry);
        this.unscored = Counter.builder("gateway_decisions_unscored_total")
                .description("Decisions kept out of the score window: forced routes and answers nothing was scored for")
                .register(registry);
    }

    /** One fleet's aggregates; guarded by its own monitor. */
    private static final class Fleet {
        final RouteCounters total = new RouteCounters();
        final Map<String, RouteCounters> apps = new HashMap<>();
        final ScoreWindow scores;
        long sinceRecalibration;
        long recalibrations;

        Fleet(int window) {
            this.scores = new ScoreWindow(window);
        }
    }

    /** Adds a decision; may publish a recalibrated policy (blocking). */
    public void record(DecisionRecord d) {
        Fleet fleet = fleets.computeIfAbsent(d.fleet(), f -> new Fleet(window));
        Optional<Recalibrator.Observation> due = Optional.empty();
        synchronized (fleet) {
            fleet.total.add(d);
            fleet.apps.computeIfAbsent(appKey(fleet, d.app()), a -> new RouteCounters()).add(d);
            if (!d.isThresholdSample()) {
                unscored.increment();
                return;
            }
            fleet.scores.add(d.score());
            fleet.sinceRecalibration++;
            if (enabled && fleet.sinceRecalibration >= minDecisions) {
                fleet.sinceRecalibration = 0;
                due = Optional.of(new Recalibrator.Observation(fleet.scores.sorted(), fleet.total.decisions(),
                        fleet.total.cloudDecisions(), fleet.total.cloudTokens(), fleet.total.spanHours()));
            }
        }
        due.ifPresent(seen -> recalibrate(d.fleet(), fleet, seen));
    }

    /** Adds a rating to the statistics of its fleet and app; ratings never enter the score window. */
    public void rate(RatingRecord r) {
        Fleet fleet = fleets.computeIfAbsent(r.fleet(), f -> new Fleet(window));
        synchronized (fleet) {
            fleet.total.add(r);
            fleet.apps.computeIfAbsent(appKey(fleet, r.app()), a -> new RouteCounters()).add(r);
        }
    }

    /**
     * Where an app's telemetry is counted (caller holds the fleet's monitor): under its id while the fleet tracks
     * fewer than {@code gateway.learning.max-apps-per-fleet} apps, under {@link #OTHER_APPS} for further apps and for
     * ids that are not identifiers; {@code ""} for requests without an app.
     */
    private String appKey(Fleet fleet, String app) {
        if (app == null || app.isEmpty()) {
            return "";
        }
        if (!Identifiers.valid(app)) {
            foldedInvalid.increment();
            return OTHER_APPS;
        }
        if (fleet.apps.containsKey(app)) {
            return app;
        }
        int tracked = fleet.apps.size() - (fleet.apps.containsKey("") ? 1 : 0) - (fleet.apps.containsKey(OTHER_APPS) ? 1 : 0);
        if (tracked >= maxApps) {
            foldedOverLimit.increment();
            return OTHER_APPS;
        }
        return app;
    }

    private void recalibrate(String fleetName, Fleet fleet, Recalibrator.Observation seen) {
        Optional<Policy> current = policies.latest(fleetName);
        if (current.isEmpty()) {
            LOG.debugf("fleet %s has no policy yet: nothing to recalibrate", fleetName);
            return;
        }
        Optional<Policy> next = recalibrator.recalibrate(current.get(), seen, PolicyRegistry.LEARNING_LOOP);
        if (next.isEmpty()) {
            return;
        }
        try {
            publisher.publish(next.get());
            published.increment();
            synchronized (fleet) {
                fleet.recalibrations++;
            }
            Policy.Thresholds t = next.get().routing().thresholds().orElseThrow();
            LOG.infof("fleet %s recalibrated from %d scores: offload >= %.4f, verify >= %.4f (v%d)",
                    fleetName, seen.sortedScores().length, t.offload(), t.verify(), next.get().version());
        } catch (ApiException e) {
            LOG.warnf("fleet %s: recalibrated policy not published: %s", fleetName, e.getMessage());
        }
    }

    /** The fleet's aggregates, if it reported anything. */
    public Optional<FleetStats> stats(String fleetName) {
        Fleet fleet = fleets.get(fleetName);
        if (fleet == null) {
            return Optional.empty();
        }
        Optional<Policy> policy = policies.latest(fleetName);
        double usdPerMillion = policy.map(p -> p.budget().usdPerMillionTokens()).orElse(0.0);
        synchronized (fleet) {
            Map<String, FleetStats.RouteStats> apps = new TreeMap<>();
            fleet.apps.forEach((app, c) -> apps.put(app, c.snapshot(usdPerMillion)));
            return Optional.of(new FleetStats(fleetName, policy.map(Policy::version).orElse(0L), fleet.recalibrations,
                    fleet.scores.size(), fleet.total.snapshot(usdPerMillion), apps));
        }
    }
}
