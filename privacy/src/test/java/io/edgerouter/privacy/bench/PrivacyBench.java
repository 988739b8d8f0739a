package io.edgerouter.privacy.bench;

import io.edgerouter.privacy.PrivacyConfig;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.corpus.CorpusEvaluation;
import io.edgerouter.privacy.corpus.LabelledCorpus;
import io.edgerouter.privacy.operator.EngineResult;
import io.edgerouter.privacy.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Throughput and latency of analyze + anonymize (vault placeholders) on 2 KB and 32 KB prompts assembled from
 * the labelled corpus, single thread, after warm-up; F1 is the micro average over the corpus at threshold 0.4.
 * Run by {@code bench/privacy}; the last line is {@code mb_per_s=X p99_ms_2kb=Y f1=Z}.
 */
public final class PrivacyBench {

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

        System.out.print(report.table());
        System.out.printf("2KB  prompt: %d bytes, n=%d, p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms, %.2f MB/s%n",
                bytes(prompt2k), lat2k.length, percentile(lat2k, 0.5) / 1e6, percentile(lat2k, 0.9) / 1e6, p99of2k,
                percentile(lat2k, 1.0) / 1e6, mbPerS2k);
        System.out.printf("2KB  prompt, thread CPU time (excludes time the OS gave to other processes): p50=%.3f ms"
                + " p99=%.3f ms%n", percentile(cpu2k, 0.5) / 1e6, percentile(cpu2k, 0.99) / 1e6);
        System.out.printf("32KB prompt: %d bytes, n=%d, p50=%.3f ms p99=%.3f ms, %.2f MB/s%n", bytes(prompt32k),
                lat32k.length, percentile(lat32k, 0.5) / 1e6, percentile(lat32k, 0.99) / 1e6, mbPerS);
        System.out.printf("mb_per_s=%.2f p99_ms_2kb=%.3f f1=%.3f%n", mbPerS, p99of2k, report.total().f1());
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
