import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load driver of bench/learning: the gateway's learning loop (Kafka Streams) fed with scored decisions as fast as one
 * producer can send them.
 *
 * <pre>
 *   LearningBench topic BOOTSTRAP PARTITIONS
 *       creates edge.routing.decisions with PARTITIONS partitions (before the gateway starts: it would create it with 1)
 *   LearningBench run BOOTSTRAP GATEWAY_URL ADMIN_KEY DECISIONS FLEETS SEED TIMEOUT_SECONDS
 *       PUTs a policy with a target share per fleet, waits until the loop answers, produces DECISIONS scored decisions
 *       (seeded, spread over the fleets and over 8 agents per fleet) plus 1 % exact duplicates, then polls
 *       GET /v1/fleet/{fleet}/stats until the fleets' decisions add up to DECISIONS, fleet by fleet.
 * </pre>
 *
 * Last line of {@code run}: {@code RESULT produce_s=.. e2e_s=.. decisions_per_s=.. recalibrations=..} or
 * {@code FAIL reason...}. Times are wall-clock from the first send; the statistics reach the endpoint at most every
 * gateway.learning.stats-interval (1 s), so e2e includes up to that plus the poll interval (200 ms).
 */
public final class LearningBench {

    static final String DECISIONS_TOPIC = "edge.routing.decisions";
    static final int AGENTS_PER_FLEET = 8;
    static final long POLL_MS = 200;
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("topic")) {
            createTopic(args[1], Integer.parseInt(args[2]));
        } else if (args.length == 8 && args[0].equals("run")) {
            run(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Long.parseLong(args[6]), Integer.parseInt(args[7]));
        } else {
            System.err.println("usage: LearningBench topic BOOTSTRAP PARTITIONS | "
                    + "run BOOTSTRAP GATEWAY_URL ADMIN_KEY DECISIONS FLEETS SEED TIMEOUT_SECONDS");
            System.exit(2);
        }
    }

    static void createTopic(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(DECISIONS_TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription d = admin.describeTopics(List.of(DECISIONS_TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(DECISIONS_TOPIC);
            if (d.partitions().size() != partitions) {
                System.out.println("FAIL " + DECISIONS_TOPIC + " has " + d.partitions().size() + " partitions, wanted " + partitions);
                System.exit(1);
            }
            System.out.println("TOPIC " + DECISIONS_TOPIC + " partitions=" + partitions);
        }
    }

    /** One record to send: its key (the agent's hash, as agents key them) and its JSON bytes. */
    record Decision(String key, byte[] value, int fleet) {
    }

    static void run(String bootstrap, String gateway, String adminKey, int n, int fleets, long seed, int timeoutSeconds)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        putPolicies(http, gateway, adminKey, fleets);
        waitForLoop(http, gateway, adminKey, fleet(0));

        List<Decision> decisions = decisions(n, fleets, seed);
        long[] perFleet = new long[fleets];
        decisions.forEach(d -> perFleet[d.fleet()]++);
        List<List<Integer>> duplicatesAfter = duplicates(n, n / 100, seed + 1);

        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long start;
        long produced;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.partitionsFor(DECISIONS_TOPIC); // metadata before the clock starts
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                send(producer, decisions.get(i), failed, firstError);
                for (int k : duplicatesAfter.get(i)) {
                    send(producer, decisions.get(k), failed, firstError);
                }
            }
            producer.flush();
            produced = System.nanoTime();
        }
        double produceS = (produced - start) / 1e9;
        System.out.printf("produced %d decisions + %d duplicates in %.2f s (%.0f records/s), %d failed sends%n",
                n, n / 100, produceS, (n + n / 100) / produceS, failed.get());
        if (failed.get() > 0) {
            fail(failed.get() + " sends failed, first: " + firstError.get());
        }
        awaitCounted(http, gateway, adminKey, perFleet, n, start, produceS, timeoutSeconds);
    }

    static void send(KafkaProducer<String, byte[]> producer, Decision d, AtomicLong failed, AtomicReference<Exception> first) {
        producer.send(new ProducerRecord<>(DECISIONS_TOPIC, d.key(), d.value()), (meta, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                first.compareAndSet(null, e);
            }
        });
    }

    static void awaitCounted(HttpClient http, String gateway, String adminKey, long[] perFleet, int n, long start,
                             double produceS, int timeoutSeconds) throws Exception {
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long nextProgress = System.nanoTime();
        long counted = 0;
        JsonNode[] stats = new JsonNode[perFleet.length];
        while (true) {
            counted = 0;
            for (int f = 0; f < perFleet.length; f++) {
                stats[f] = stats(http, gateway, adminKey, fleet(f));
                counted += stats[f] == null ? 0 : stats[f].path("total").path("decisions").asLong();
            }
            long now = System.nanoTime();
            if (counted >= n || now > deadline) {
                break;
            }
            if (now >= nextProgress) {
                System.out.printf("  t=%5.1f s counted %d of %d%n", (now - start) / 1e9, counted, n);
                nextProgress = now + TimeUnit.SECONDS.toNanos(5);
            }
            Thread.sleep(POLL_MS);
        }
        double e2eS = (System.nanoTime() - start) / 1e9;
        long recalibrations = 0;
        StringBuilder wrong = new StringBuilder();
        for (int f = 0; f < perFleet.length; f++) {
            long got = stats[f] == null ? 0 : stats[f].path("total").path("decisions").asLong();
            recalibrations += stats[f] == null ? 0 : stats[f].path("recalibrations").asLong();
            if (got != perFleet[f]) {
                wrong.append(' ').append(fleet(f)).append('=').append(got).append("/").append(perFleet[f]);
            }
        }
        for (int f = 0; f < Math.min(3, perFleet.length); f++) {
            JsonNode s = stats[f];
            if (s != null) {
                System.out.printf("  %s: decisions=%d policy_version=%d recalibrations=%d score_window=%d cloud_share=%.3f%n",
                        fleet(f), s.path("total").path("decisions").asLong(), s.path("policy_version").asLong(),
                        s.path("recalibrations").asLong(), s.path("score_window").asInt(),
                        s.path("total").path("cloud_share").asDouble());
            }
        }
        if (counted != n || wrong.length() > 0) {
            fail("after " + String.format("%.1f", e2eS) + " s the fleets counted " + counted + " decisions, expected " + n
                    + " (difference " + (counted - n) + "); per fleet counted/expected:" + wrong);
        }
        System.out.printf("RESULT produce_s=%.2f e2e_s=%.2f decisions_per_s=%.0f recalibrations=%d%n",
                produceS, e2eS, n / e2eS, recalibrations);
    }

    static List<Decision> decisions(int n, int fleets, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<Decision> out = new ArrayList<>(n);
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            int f = random.nextInt(fleets);
            String agent = String.format("%016x", (long) f * 1_000_003L + random.nextInt(AGENTS_PER_FLEET));
            double score = random.nextDouble();
            String route = score >= 0.8 ? "OFFLOAD" : score >= 0.6 ? "VERIFY" : "LOCAL";
            int prompt = 50 + random.nextInt(400);
            int completion = 20 + random.nextInt(200);
            int draft = route.equals("VERIFY") ? completion : 0;
            ObjectNode d = JSON.createObjectNode()
                    .put("fleet", fleet(f))
                    .put("app", "app" + random.nextInt(3))
                    .put("agent_id_hash", agent)
                    .put("request_id_hash", String.format("%016x%08x", seed, i))
                    .put("subtask_index", 0)
                    .put("timestamp_ms", now + i)
                    .put("route", route)
                    .put("score", score)
                    .put("scored", true)
                    .put("policy_version", 1)
                    .put("router_model_version", "bench")
                    .put("latency_ms", 5 + random.nextDouble() * 500)
                    .put("prompt_tokens", prompt)
                    .put("completion_tokens", completion)
                    .put("cloud_tokens", route.equals("LOCAL") ? 0 : prompt + completion)
                    .put("draft_tokens", draft)
                    .put("accepted_tokens", draft == 0 ? 0 : random.nextInt(draft + 1));
            d.putArray("reasons").add(String.format("score>=%.2f", score));
            out.add(new Decision(agent, JSON.writeValueAsBytes(d), f));
        }
        return out;
    }

    /** For each original i, the originals resent right after it: {@code count} distinct ones, each after itself. */
    static List<List<Integer>> duplicates(int n, int count, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> after = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            after.add(new ArrayList<>(0));
        }
        java.util.BitSet chosen = new java.util.BitSet(n);
        for (int d = 0; d < count; ) {
            int k = random.nextInt(n);
            if (!chosen.get(k)) {
                chosen.set(k);
                after.get(k + random.nextInt(n - k)).add(k);
                d++;
            }
        }
        return after;
    }

    static void putPolicies(HttpClient http, String gateway, String adminKey, int fleets) throws Exception {
        for (int f = 0; f < fleets; f++) {
            // targets differ per fleet (offload 10-28 %, verify 15 %), so each fleet's thresholds land elsewhere
            String body = String.format(java.util.Locale.ROOT,
                    "{\"version\":1,\"fleet\":\"%s\",\"routing\":{\"target\":{\"offload_share\":%.2f,\"verify_share\":0.15}}}",
                    fleet(f), 0.10 + 0.02 * (f % 10));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/policies/" + fleet(f)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminKey)
                    .header("content-type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                fail("PUT /v1/policies/" + fleet(f) + " -> " + r.statusCode() + " " + r.body());
            }
        }
        System.out.println("policies: " + fleets + " fleets, version 1, a target share each");
    }

    /** Until the loop is running: 404 fleet_not_found (no telemetry yet) instead of 503 stats_unavailable. */
    static void waitForLoop(HttpClient http, String gateway, String adminKey, String fleet) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(http, gateway, adminKey, fleet);
            if (r.statusCode() == 404 || r.statusCode() == 200) {
                System.out.println("learning loop running");
                return;
            }
            last = r.statusCode() + " " + r.body();
            Thread.sleep(250);
        }
        fail("the learning loop did not start within 120 s: GET /v1/fleet/" + fleet + "/stats -> " + last);
    }

    static JsonNode stats(HttpClient http, String gateway, String adminKey, String fleet) throws Exception {
        HttpResponse<String> r = get(http, gateway, adminKey, fleet);
        if (r.statusCode() == 200) {
            return JSON.readTree(r.body());
        }
        if (r.statusCode() == 404 || r.statusCode() == 503) {
            return null; // no decision counted yet, or the loop rebalancing
        }
        fail("GET /v1/fleet/" + fleet + "/stats -> " + r.statusCode() + " " + r.body());
        return null;
    }

    static HttpResponse<String> get(HttpClient http, String gateway, String adminKey, String fleet) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/fleet/" + fleet + "/stats"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String fleet(int f) {
        return String.format("bench-f%02d", f);
    }

    static void fail(String reason) {
        System.out.println("FAIL " + reason);
        System.exit(1);
    }
}
