import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for bench/mixed-load: does a slow cloud call delay the device's own answers? Sends small
 * {@code model: local} chat completions at a steady open-loop rate, first alone (phase 1), then while
 * {@code model: cloud} completions (every other one streamed) go at their own steady rate to a cloud that takes
 * 1-5 s per answer (phase 2), and compares the client-side latency of the LOCAL answers.
 * Usage: java MixedLoad.java URL LOCAL_RPS CLOUD_RPS SECONDS WARMUP_SECONDS; {@code -Dbench.out=DIR} writes
 * mixed_load.tsv there. Progress goes to stderr; stdout gets the figures of every phase at the end, then one line
 * {@code local_p99_ms=X local_p99_ms_with_cloud=Y ratio=Z errors=N}.
 * A LOCAL request counts as answered when it gets a 2xx; its latency is the time to the whole body. A request that
 * times out (client limit {@value #TIMEOUT_S} s) counts as an error and enters the percentiles at the time it was
 * given up, so a stalled device cannot look fast by dropping its slowest answers; other failures (non-2xx, I/O)
 * count as errors only. An OFFLOAD request counts as failed unless it gets a 2xx whose {@code x-route} is OFFLOAD (a
 * device fallback means the cloud did not answer in time) and, streamed, ends {@code data: [DONE]} with no error event.
 */
public class MixedLoad {

    static final int TIMEOUT_S = 30;
    static final String LOCAL_BODY = "{\"model\":\"local\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    /** Latencies and failures of one kind of request in one phase. */
    record Sink(ConcurrentLinkedQueue<Double> latenciesMs, AtomicInteger ok, AtomicInteger errors, AtomicInteger timeouts) {
        static Sink create() {
            return new Sink(new ConcurrentLinkedQueue<>(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        }
    }

    /** Percentiles of a sink, nearest rank. */
    record Stats(String phase, String route, int sent, int ok, int errors, int timeouts, double p50, double p90, double p99, double max) {
        static Stats of(String phase, String route, int sent, Sink s) {
            List<Double> sorted = new ArrayList<>(s.latenciesMs());
            sorted.sort(null);
            return new Stats(phase, route, sent, s.ok().get(), s.errors().get(), s.timeouts().get(), pct(sorted, 0.5),
                    pct(sorted, 0.9), pct(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
        }

        String line() {
            return String.format(Locale.ROOT, "%s %s: sent=%d ok=%d errors=%d timeouts=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f",
                    phase, route, sent, ok, errors, timeouts, p50, p90, p99, max);
        }

        String tsv() {
            return String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f%n", phase, route, sent, ok, errors,
                    timeouts, p50, p90, p99, max);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int localRps = Integer.parseInt(args[1]);
        int cloudRps = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        if (localRps < 1 || cloudRps < 1 || seconds < 1 || warmup < 0) {
            throw new IllegalArgumentException("rates and seconds must be >= 1, warm-up >= 0; got " + String.join(" ", args));
        }
        // one client per kind, so waiting cloud calls never hold the connections the LOCAL requests need
        HttpClient localHttp = client();
        HttpClient cloudHttp = client();
        URI chat = URI.create(url + "/v1/chat/completions");

        // warm-up: one OFFLOAD call of each kind (checks that the cloud answers), then, once they are done, the LOCAL
        // path at the measured rate on its own, so that phase 1 starts warm and with nothing queued
        Sink warmLocal = Sink.create();
        Sink warmCloud = Sink.create();
        await(List.of(sendCloud(cloudHttp, chat, 0, warmCloud), sendCloud(cloudHttp, chat, 1, warmCloud)));
        await(steady(localRps, warmup, i -> sendLocal(localHttp, chat, warmLocal)));
        Stats warmLocalStats = Stats.of("warmup", "local", localRps * warmup, warmLocal);
        Stats warmCloudStats = Stats.of("warmup", "offload", 2, warmCloud);
        System.err.println(warmLocalStats.line() + "\n" + warmCloudStats.line());

        Sink local1 = Sink.create();
        await(steady(localRps, seconds, i -> sendLocal(localHttp, chat, local1)));
        Stats phase1 = Stats.of("phase1", "local", localRps * seconds, local1);
        System.err.println(phase1.line());

        Sink local2 = Sink.create();
        Sink cloud2 = Sink.create();
        Thread cloudSender = new Thread(() -> {
            try {
                await(steady(cloudRps, seconds, i -> sendCloud(cloudHttp, chat, i, cloud2)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cloud-sender");
        cloudSender.start();
        await(steady(localRps, seconds, i -> sendLocal(localHttp, chat, local2)));
        cloudSender.join();
        Stats phase2 = Stats.of("phase2", "local", localRps * seconds, local2);
        Stats offload = Stats.of("phase2", "offload", cloudRps * seconds, cloud2);
        // the summary goes to stdout once, at the end, so that the last line of the bench is the key=value line
        for (Stats s : List.of(warmLocalStats, warmCloudStats, phase1, phase2, offload)) {
            System.out.println(s.line());
        }

        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.writeString(Files.createDirectories(Path.of(out)).resolve("mixed_load.tsv"),
                    "phase\troute\tsent\tok\terrors\ttimeouts\tp50_ms\tp90_ms\tp99_ms\tmax_ms\n"
                            + phase1.tsv() + phase2.tsv() + offload.tsv());
        }
        int errors = phase1.errors() + phase2.errors() + offload.errors();
        System.out.printf(Locale.ROOT, "local_p99_ms=%.1f local_p99_ms_with_cloud=%.1f ratio=%.2f errors=%d%n",
                phase1.p99(), phase2.p99(), phase2.p99() / phase1.p99(), errors);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    interface Send {
        CompletableFuture<Void> send(int index);
    }

    /** Starts {@code rps × seconds} requests on a fixed schedule (open loop: a slow answer never delays the next send). */
    static List<CompletableFuture<Void>> steady(int rps, int seconds, Send send) throws InterruptedException {
        long interval = 1_000_000_000L / rps;
        long t0 = System.nanoTime();
        int total = rps * seconds;
        List<CompletableFuture<Void>> inflight = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long wait = t0 + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            inflight.add(send.send(i));
        }
        return inflight;
    }

    /** Waits for every request; each has its own client time limit, so this ends within about that limit. */
    static void await(List<CompletableFuture<Void>> inflight) throws InterruptedException {
        try {
            CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(TIMEOUT_S + 30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("requests still open " + (TIMEOUT_S + 30) + " s after the last was sent", e);
        }
    }

    static HttpRequest post(URI chat, String body) {
        return HttpRequest.newBuilder(chat).timeout(Duration.ofSeconds(TIMEOUT_S))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static CompletableFuture<Void> sendLocal(HttpClient http, URI chat, Sink sink) {
        long sentAt = System.nanoTime();
        return http.sendAsync(post(chat, LOCAL_BODY), HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            double ms = (System.nanoTime() - sentAt) / 1e6;
            if (e != null && isTimeout(e)) {
                sink.timeouts().incrementAndGet();
                sink.errors().incrementAndGet();
                sink.latenciesMs().add(ms);
            } else if (e != null || r.statusCode() / 100 != 2) {
                sink.errors().incrementAndGet();
            } else {
                sink.ok().incrementAndGet();
                sink.latenciesMs().add(ms);
            }
            return null;
        });
    }

    /** The {@code index}-th OFFLOAD request: odd ones streamed, every fourth one asking for the usage chunk. */
    static CompletableFuture<Void> sendCloud(HttpClient http, URI chat, int index, Sink sink) {
        boolean stream = index % 2 == 1;
        String options = stream ? ",\"stream\":true" + (index % 4 == 3 ? ",\"stream_options\":{\"include_usage\":true}" : "") : "";
        String body = "{\"model\":\"cloud\",\"max_tokens\":16" + options
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the history of the heat pump, request " + index + "\"}]}";
        long sentAt = System.nanoTime();
        return http.sendAsync(post(chat, body), HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            boolean answered = e == null && r.statusCode() / 100 == 2
                    && r.headers().firstValue("x-route").orElse("").startsWith("OFFLOAD")
                    && (!stream || (r.body().strip().endsWith("data: [DONE]") && !r.body().contains("data: {\"error\"")));
            if (answered) {
                sink.ok().incrementAndGet();
                sink.latenciesMs().add((System.nanoTime() - sentAt) / 1e6);
            } else {
                sink.errors().incrementAndGet();
                if (e != null && isTimeout(e)) {
                    sink.timeouts().incrementAndGet();
                }
            }
            return null;
        });
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
