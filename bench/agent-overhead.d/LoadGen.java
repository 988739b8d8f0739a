import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * Usage: java LoadGen.java URL RPS SECONDS WARMUP_SECONDS
 */
public class LoadGen {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rps = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String body = "{\"model\":\"local\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        run(http, request, Math.max(1, rps / 4), warmup, null);
        ConcurrentLinkedQueue<double[]> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        int sent = run(http, request, rps, seconds, new Sink(samples, errors));
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> overhead = new ArrayList<>();
        List<Double> latency = new ArrayList<>();
        for (double[] s : samples) {
            overhead.add(s[0]);
            latency.add(s[1]);
        }
        Collections.sort(overhead);
        Collections.sort(latency);
        System.out.printf(Locale.ROOT, "sent=%d ok=%d errors=%d elapsed_s=%.1f client_p50_ms=%.3f client_p99_ms=%.3f%n",
                sent, overhead.size(), errors.get(), elapsed, pct(latency, 0.5), pct(latency, 0.99));
        System.out.printf(Locale.ROOT, "rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d%n",
                overhead.size() / elapsed, pct(overhead, 0.5), pct(overhead, 0.99), errors.get());
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
            inflight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
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
            }));
        }
        CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return total;
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
