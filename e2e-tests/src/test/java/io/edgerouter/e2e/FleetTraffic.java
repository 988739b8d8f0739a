package io.edgerouter.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Decisions as edge agents publish them on {@code edge.routing.decisions} (key = agent id hash, value = the
 * {@link DecisionRecord} JSON, as the agent's TelemetryService writes them), exact re-deliveries of some of them, and
 * what a gateway must have counted once every record was taken in: each (agent, request, subtask) exactly once.
 *
 * <p>Scores drift upwards with {@code progress} so that every recalibration finds the thresholds moved. Seeded: the
 * same seed gives the same traffic. Not thread-safe; one producer thread at a time.
 */
final class FleetTraffic {

    /** What {@code GET /v1/fleet/{fleet}/stats} must show for a fleet (its total, or one app). */
    static final class Counts {
        long decisions;
        long local;
        long verify;
        long offload;
        long cloudTokens;

        void add(DecisionRecord d) {
            decisions++;
            switch (d.route()) {
                case "LOCAL" -> local++;
                case "VERIFY" -> verify++;
                default -> offload++;
            }
            cloudTokens += d.cloudTokens();
        }

        @Override
        public String toString() {
            return "decisions=" + decisions + " local=" + local + " verify=" + verify + " offload=" + offload
                    + " cloud_tokens=" + cloudTokens;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> APPS = List.of("chat", "mail");
    private static final int AGENTS = 12;

    private final Random random;
    private final List<String> fleets;
    private final String run;
    private final Map<String, Counts> totals = new TreeMap<>();
    private final Map<String, Map<String, Counts>> apps = new TreeMap<>();
    private final List<ProducerRecord<String, String>> unique = new ArrayList<>();
    private long requests;
    private long duplicates;

    FleetTraffic(long seed, List<String> fleets, String run) {
        this.random = new Random(seed);
        this.fleets = List.copyOf(fleets);
        this.run = run;
        fleets.forEach(f -> {
            totals.put(f, new Counts());
            apps.put(f, new TreeMap<>());
        });
    }

    /**
     * The records of the next request: one whole request (subtask 0), or one in five a request split into two
     * subtasks (positions 1 and 2, same request id), each counted on its own.
     *
     * @param progress in [0, 1]: how far through the run, moves the score distribution from ~0.25 to ~0.75
     */
    List<ProducerRecord<String, String>> nextRequest(double progress) {
        String fleet = fleets.get(random.nextInt(fleets.size()));
        String app = APPS.get(random.nextInt(APPS.size()));
        String agent = "agent-" + run + "-" + random.nextInt(AGENTS);
        String request = "req-" + run + "-" + (requests++);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            out.add(decision(fleet, app, agent, request, 1, progress));
            out.add(decision(fleet, app, agent, request, 2, progress));
        } else {
            out.add(decision(fleet, app, agent, request, 0, progress));
        }
        return out;
    }

    private ProducerRecord<String, String> decision(String fleet, String app, String agent, String request, int subtask,
                                                    double progress) {
        double drift = 0.25 + 0.5 * progress;
        double score = Math.round(Math.max(0, Math.min(1, drift + 0.15 * random.nextGaussian())) * 10_000) / 10_000.0;
        String route = score >= 0.7 ? "OFFLOAD" : score >= 0.5 ? "VERIFY" : "LOCAL";
        int prompt = 20 + random.nextInt(200);
        int completion = 10 + random.nextInt(100);
        int cloud = route.equals("LOCAL") ? 0 : prompt + completion;
        int drafted = route.equals("VERIFY") ? 8 + random.nextInt(24) : 0;
        DecisionRecord d = new DecisionRecord(fleet, app, agent, request, subtask, System.currentTimeMillis(), route,
                score, true, List.of(route.equals("LOCAL") ? "score<0.5" : "score>=" + (route.equals("OFFLOAD") ? "0.7" : "0.5")),
                1, "router-it", 5 + random.nextInt(400), prompt, completion, cloud, drafted, drafted / 2);
        totals.get(fleet).add(d);
        apps.get(fleet).computeIfAbsent(app, a -> new Counts()).add(d);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DECISIONS, agent, write(d));
        unique.add(record);
        return record;
    }

    /** An exact copy (same key and value) of a decision sent before, as an agent resends what was not acknowledged. */
    ProducerRecord<String, String> duplicate() {
        ProducerRecord<String, String> original = unique.get(random.nextInt(unique.size()));
        duplicates++;
        return new ProducerRecord<>(original.topic(), original.key(), original.value());
    }

    /** Whether to resend one now, with probability {@code p}. */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Values that are no valid decision, each naming this run so that its dead-lettered copy can be found. */
    List<String> malformed() {
        String fleet = fleets.get(0);
        return List.of(
                "not json at all (" + run + ")",
                "[\"an array\", \"" + run + "\"]",
                "{\"fleet\":\"" + fleet + "\",\"agent_id_hash\":\"bad-" + run + "\",\"request_id_hash\":\"bad-score\","
                        + "\"subtask_index\":0,\"timestamp_ms\":1,\"route\":\"LOCAL\",\"score\":1.7}",
                "{\"fleet\":\"" + fleet + "\",\"agent_id_hash\":\"bad-" + run + "\",\"request_id_hash\":\"bad-route\","
                        + "\"subtask_index\":0,\"timestamp_ms\":1,\"route\":\"SIDEWAYS\",\"score\":0.5}",
                "{\"agent_id_hash\":\"bad-" + run + "\",\"request_id_hash\":\"no-fleet\",\"subtask_index\":0,"
                        + "\"timestamp_ms\":1,\"route\":\"LOCAL\",\"score\":0.5}");
    }

    Map<String, Counts> totals() {
        return totals;
    }

    /** Per fleet, per app. */
    Map<String, Map<String, Counts>> apps() {
        return apps;
    }

    /** Distinct decisions sent (what must be counted). */
    int uniqueCount() {
        return unique.size();
    }

    long duplicateCount() {
        return duplicates;
    }

    private static String write(DecisionRecord d) {
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a decision record", e);
        }
    }
}
