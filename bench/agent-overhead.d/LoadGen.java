import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load generator for bench/agent-overhead: sends chat completions at a fixed rate to an
 * agent on loopback and reports the overhead the agent says it added (header x-edge-overhead-ms:
 * wall time minus the time spent generating), plus client-side latency.
 * Usage: java LoadGen.java URL RPS[,RPS...] SECONDS WARMUP_SECONDS
 * Several rates run one after the other (the summary lines are for 500 requests/s if measured, else the last rate);
 * {@code -Dbench.concurrency=1,4,16} adds closed-loop runs with that many clients; {@code -Dbench.out=DIR} writes
 * the percentiles per rate (agent_load.tsv) and per concurrency (agent_concurrency.tsv) there.
 */
public class LoadGen {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int[] rates = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String body = "{\"model\":\"local\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // warm-up (JIT, connections, heap sizing) at the highest rate: the figures are for a warm agent
        run(http, request, Arrays.stream(rates).max().getAsInt(), warmup, null);
        StringBuilder tsv = new StringBuilder("offered_rps\tachieved_rps\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tclient_p50_ms\tclient_p99_ms\terrors\n");
        Stats summary = null;
        for (int rps : rates) {
            ConcurrentLinkedQueue<double[]> samples = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            long start = System.nanoTime();
            int sent = run(http, request, rps, seconds, new Sink(samples, errors));
            Stats s = Stats.of(rps, samples, errors.get(), (System.nanoTime() - start) / 1e9);
            if (rates.length > 1) {
                System.out.println("load " + s.line() + " sent=" + sent);
            }
            tsv.append(s.tsv());
            if (summary == null || rps == 500 || Arrays.stream(rates).noneMatch(r -> r == 500)) {
                summary = s;
            }
        }
        String concurrency = System.getProperty("bench.concurrency");
        String out = System.getProperty("bench.out");
        if (concurrency != null && !concurrency.isBlank()) {
            StringBuilder c = new StringBuilder("concurrency\tachieved_rps\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tclient_p50_ms\tclient_p99_ms\terrors\n");
            for (String n : concurrency.split(",")) {
                Stats s = closedLoop(http, request, Integer.parseInt(n.strip()), seconds);
                System.out.println("concurrency=" + n.strip() + " " + s.line());
                c.append(s.tsv());
            }
            if (out != null) {
                Files.writeString(Files.createDirectories(Path.of(out)).resolve("agent_concurrency.tsv"), c);
            }
        }
        if (out != null) {
            Files.writeString(Files.createDirectories(Path.of(out)).resolve("agent_load.tsv"), tsv);
        }
        System.out.printf(Locale.ROOT, "sent=%d ok=%d errors=%d elapsed_s=%.1f client_p50_ms=%.3f client_p99_ms=%.3f%n",
                summary.offered() * seconds, summary.ok(), summary.errors(), summary.elapsed(), summary.clientP50(), summary.clientP99());
        System.out.printf(Locale.ROOT, "rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d%n",
                summary.achieved(), summary.p50(), summary.p99(), summary.errors());
    }

    /** Percentiles of one measured run; {@code offered} is the request rate, or the concurrency of a closed loop. */
    record Stats(int offered, int ok, int errors, double elapsed, double achieved, double p50, double p90, double p99,
                 double p999, double clientP50, double clientP99) {

        static Stats of(int offered, ConcurrentLinkedQueue<double[]> samples, int errors, double elapsed) {
            List<Double> overhead = new ArrayList<>();
            List<Double> latency = new ArrayList<>();
            for (double[] s : samples) {
                overhead.add(s[0]);
                latency.add(s[1]);
            }
            Collections.sort(overhead);
            Collections.sort(latency);
            return new Stats(offered, overhead.size(), errors, elapsed, overhead.size() / elapsed, pct(overhead, 0.5),
                    pct(overhead, 0.9), pct(overhead, 0.99), pct(overhead, 0.999), pct(latency, 0.5), pct(latency, 0.99));
        }

        String line() {
            return String.format(Locale.ROOT, "offered=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f"
                    + " client_p50_ms=%.3f client_p99_ms=%.3f errors=%d", offered, achieved, p50, p90, p99, p999, clientP50, clientP99, errors);
        }

        String tsv() {
            return String.format(Locale.ROOT, "%d\t%.1f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d%n",
                    offered, achieved, p50, p90, p99, p999, clientP50, clientP99, errors);
        }
    }

    /** {@code users} clients, each sending its next request as soon as the last one is answered, for {@code seconds}. */
    static Stats closedLoop(HttpClient http, HttpRequest request, int users, int seconds) throws Exception {
        ConcurrentLinkedQueue<double[]> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Sink sink = new Sink(samples, errors);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long sentAt = System.nanoTime();
                    try {
                        record(sink, http.send(request, HttpResponse.BodyHandlers.ofString()), null, sentAt);
                    } catch (Exception e) {
                        record(sink, null, e, sentAt);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return Stats.of(users, samples, errors.get(), (System.nanoTime() - start) / 1e9);
    }

    record Sink(ConcurrentLinkedQueue<double[]> samples, AtomicInteger errors) {
    }

    static int run(HttpClient http, HttpRequest request, int rps, int seconds, Sink sink) throws Exception {
        long interval = 1_000_000_000L / rps;
        long t0 = System.nanoTime();
        int total = rps * seconds;
        List<CompletableFuture<?>> inflight = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sentAt = System.nanoTime();
            inflight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> record(sink, r, e, sentAt)));
        }
        CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return total;
    }

    /** Counts an answer into {@code sink} (none during warm-up): the agent's overhead header and the client latency. */
    static Void record(Sink sink, HttpResponse<String> r, Throwable e, long sentAt) {
        if (sink == null) {
            return null;
        }
        if (e != null || r.statusCode() != 200) {
            sink.errors().incrementAndGet();
            return null;
        }
        double clientMs = (System.nanoTime() - sentAt) / 1e6;
        double overheadMs = Double.parseDouble(r.headers().firstValue("x-edge-overhead-ms").orElse("NaN"));
        sink.samples().add(new double[] {overheadMs, clientMs});
        return null;
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
