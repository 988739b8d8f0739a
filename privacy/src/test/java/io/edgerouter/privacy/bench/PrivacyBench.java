package io.edgerouter.privacy.bench;

import io.edgerouter.privacy.PrivacyConfig;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.corpus.CorpusEvaluation;
import io.edgerouter.privacy.corpus.LabelledCorpus;
import io.edgerouter.privacy.operator.EngineResult;
import io.edgerouter.privacy.vault.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Throughput and latency of analyze + anonymize (vault placeholders) on 2 KB and 32 KB prompts assembled from
 * the labelled corpus, single thread, after warm-up; F1 is the micro average over the corpus at threshold 0.4.
 * It also times the worst of {@link io.edgerouter.privacy.DigitFloodTest#floods()} (100 KB of digits and separators,
 * every recognizer, threshold 0). Run by {@code bench/privacy}; the last line is
 * {@code mb_per_s=X p99_ms_2kb=Y cpu_p99_ms_2kb=C f1=Z flood_ms_100kb=F}. With {@code -Dbench.out=DIR}
 * it also measures latency and throughput against prompt size ({@link #SWEEP_BYTES}) into DIR/privacy_sizes.tsv.
 */
public final class PrivacyBench {

    /** Prompt sizes of the size sweep, bytes. */
    static final int[] SWEEP_BYTES = {256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536};
    /** Bytes analysed per sweep point (iterations = this / size, within 30..5000). */
    private static final long SWEEP_VOLUME = 3_000_000;

    private PrivacyBench() {
    }

    public static void main(String[] args) {
        int iterations2k = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int iterations32k = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults());
        List<LabelledCorpus.Sample> corpus = LabelledCorpus.load();
        String prompt2k = prompt(corpus, 2 * 1024, new Random(1));
        String prompt32k = prompt(corpus, 32 * 1024, new Random(2));

        run(filter, prompt2k, 2_000, null); // warm-up: JIT, libphonenumber metadata, gazetteer
        run(filter, prompt32k, 100, null);
        long[] cpu2k = new long[iterations2k];
        long[] lat2k = run(filter, prompt2k, iterations2k, cpu2k);
        long[] lat32k = run(filter, prompt32k, iterations32k, null);

        double p99of2k = percentile(lat2k, 0.99) / 1e6;
        double mbPerS = bytes(prompt32k) * (double) lat32k.length / (Arrays.stream(lat32k).sum() / 1e9) / 1e6;
        double mbPerS2k = bytes(prompt2k) * (double) lat2k.length / (Arrays.stream(lat2k).sum() / 1e9) / 1e6;
        CorpusEvaluation.Report report = CorpusEvaluation.evaluate(filter, corpus, 0.4);
        String out = System.getProperty("bench.out");
        if (out != null) {
            sizeSweep(filter, corpus, Path.of(out).resolve("privacy_sizes.tsv"));
        }

        System.out.print(report.table());
        System.out.printf("2KB  prompt: %d bytes, n=%d, p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms, %.2f MB/s%n",
                bytes(prompt2k), lat2k.length, percentile(lat2k, 0.5) / 1e6, percentile(lat2k, 0.9) / 1e6, p99of2k,
                percentile(lat2k, 1.0) / 1e6, mbPerS2k);
        System.out.printf("2KB  prompt, thread CPU time (excludes time the OS gave to other processes): p50=%.3f ms"
                + " p99=%.3f ms%n", percentile(cpu2k, 0.5) / 1e6, percentile(cpu2k, 0.99) / 1e6);
        System.out.printf("32KB prompt: %d bytes, n=%d, p50=%.3f ms p99=%.3f ms, %.2f MB/s%n", bytes(prompt32k),
                lat32k.length, percentile(lat32k, 0.5) / 1e6, percentile(lat32k, 0.99) / 1e6, mbPerS);
        double floodMs = 0;
        String floodWorst = "";
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String flood : io.edgerouter.privacy.DigitFloodTest.floods().toList()) {
            long c0 = threads.getCurrentThreadCpuTime();
            double ms = io.edgerouter.privacy.DigitFloodTest.bestOfThree(filter, flood) / 1e6;
            double cpuMs = (threads.getCurrentThreadCpuTime() - c0) / 3e6;
            System.out.printf("100KB digits flood '%s...': best of 3 %.1f ms (thread CPU, mean of 3: %.1f ms)%n",
                    flood.substring(0, 16), ms, cpuMs);
            if (ms > floodMs) {
                floodMs = ms;
                floodWorst = flood.substring(0, 16);
            }
        }
        System.out.printf("worst 100KB digits flood: %.1f ms ('%s...'; target < 50 ms)%n", floodMs, floodWorst);
        System.out.printf("mb_per_s=%.2f p99_ms_2kb=%.3f cpu_p99_ms_2kb=%.3f f1=%.3f flood_ms_100kb=%.1f%n", mbPerS, p99of2k,
                percentile(cpu2k, 0.99) / 1e6, report.total().f1(), floodMs);
    }

    /**
     * Analyze + anonymize latency percentiles (wall clock and the thread's CPU time, which a busy machine inflates
     * less) and throughput per prompt size, one TSV row per size.
     */
    static void sizeSweep(PrivacyFilter filter, List<LabelledCorpus.Sample> corpus, Path file) {
        StringBuilder tsv = new StringBuilder("bytes\tn\tp50_ms\tp99_ms\tmb_per_s\tcpu_p50_ms\tcpu_p99_ms\n");
        for (int size : SWEEP_BYTES) {
            String prompt = prompt(corpus, size, new Random(size));
            int n = (int) Math.max(30, Math.min(5_000, SWEEP_VOLUME / size));
            run(filter, prompt, Math.max(20, n / 5), null); // warm-up at this size
            long[] cpu = new long[n];
            long[] lat = run(filter, prompt, n, cpu);
            double mbPerS = bytes(prompt) * (double) n / (Arrays.stream(lat).sum() / 1e9) / 1e6;
            String row = String.format(Locale.ROOT, "%d\t%d\t%.4f\t%.4f\t%.3f\t%.4f\t%.4f", bytes(prompt), n,
                    percentile(lat, 0.5) / 1e6, percentile(lat, 0.99) / 1e6, mbPerS, percentile(cpu, 0.5) / 1e6,
                    percentile(cpu, 0.99) / 1e6);
            System.out.println("sweep size " + row.replace('\t', ' '));
            tsv.append(row).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, tsv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Corpus sentences (PII and plain text mixed) joined until the prompt reaches {@code size} bytes. */
    static String prompt(List<LabelledCorpus.Sample> corpus, int size, Random random) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String next = corpus.get(random.nextInt(corpus.size())).text() + " ";
            if (bytes(sb + next) > size) {
                return sb.toString();
            }
            sb.append(next);
        }
    }

    /** Wall-clock nanoseconds per call; with {@code cpuNanos}, also the thread's CPU time per call. */
    private static long[] run(PrivacyFilter filter, String prompt, int n, long[] cpuNanos) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[n];
        int sink = 0;
        for (int i = 0; i < n; i++) {
            long c0 = cpuNanos == null ? 0 : threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Vault vault = new Vault();
            EngineResult out = filter.anonymize(prompt, filter.analyze(prompt), Map.of(), vault);
            nanos[i] = System.nanoTime() - t0;
            if (cpuNanos != null) {
                cpuNanos[i] = threads.getCurrentThreadCpuTime() - c0;
            }
            sink += out.text().length();
        }
        if (sink == 42) {
            System.out.println(); // keeps the JIT from discarding the work
        }
        return nanos;
    }

    private static double percentile(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
