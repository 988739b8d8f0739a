package io.edgerouter.router.eval;

import io.edgerouter.router.DeviceState;
import io.edgerouter.router.RouteRequest;
import io.edgerouter.router.Router;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.feature.SentenceEncoder;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.feature.StaticTokenEncoder;
import io.edgerouter.router.feature.WordPieceTokenizer;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.LengthScorer;
import io.edgerouter.router.scorer.RandomScorer;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFile;
import io.edgerouter.router.train.RoutingDataset;
import io.edgerouter.router.train.RoutingExample;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scores the shipped router on a data set it never trains on and times decisions.
 * <pre>BenchCommand --data PATH [--weights FILE | --minilm] [--threads N]
 * BenchCommand --timing-only [--weights FILE | --minilm] [--threads N]</pre>
 * ({@code --minilm}: the committed model over MiniLM forward passes instead of the default static one.)
 * Prints APGR / CPT(50 %) / CPT(80 %) of the learned scorer, the random and the length baseline, decision
 * latency percentiles for a 32- and a 512-word-piece prompt (embedding included) and without the embedding, and
 * ends with {@code apgr=X cpt50=Y cpt80=Z p99_ms_short=S p99_ms_long=L n=N}. {@code --timing-only} skips the data and
 * prints the latencies only, plus the embedding pass alone; {@code --threads} sets ONNX Runtime's intra-op threads.
 */
public final class BenchCommand {

    private static final String[] WORDS = ("the of and a to in is was that for on are with as by at from this be or "
            + "an which have it not but were one all their can has more been if will also about when there so other "
            + "what into some would two time than them only could these then its over such after first most may "
            + "water energy market court cell theory patient price state force system value law model").split(" ");

    private BenchCommand() {
    }

    public static void main(String[] args) {
        String data = null, weights = null;
        int threads = 1;
        boolean timingOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = value(args, ++i);
                case "--weights" -> weights = value(args, ++i);
                case "--minilm" -> weights = "classpath:" + WeightsFile.MINILM_RESOURCE;
                case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                case "--timing-only" -> timingOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --data PATH | --timing-only, [--weights FILE | --minilm] [--threads N]");
            }
        }
        if (data == null && !timingOnly) {
            throw new IllegalArgumentException("usage: bench/router --data PATH (directory of CSVs or one CSV)");
        }
        ScoringModel model = weights == null ? WeightsFile.loadDefault()
                : weights.startsWith("classpath:") ? WeightsFile.loadResource(weights.substring("classpath:".length()))
                : WeightsFile.read(Path.of(weights));
        List<RoutingExample> ex = timingOnly ? List.of() : RoutingDataset.loadClean(Path.of(data));
        if (!timingOnly && ex.isEmpty()) {
            throw new IllegalArgumentException("no readable rows in " + data);
        }
        LearnedScorer learned = new LearnedScorer(model);
        WordPieceTokenizer tok = WordPieceTokenizer.minilm();
        try (SentenceEncoder enc = model.usesTokenTable() ? new StaticTokenEncoder(tok, model.tokens())
                : new MiniLmEncoder(Math.max(1, model.windowHead()), model.windowTail(), threads, model.encoderLayers())) {
            if (model.usesTokenTable()) {
                System.out.printf(Locale.ROOT, "model %s: static MiniLM, one score per word piece (%d pieces), no"
                        + " transformer per request; load average %s%n", model.version(), model.tokens().size(), loadAverage());
            } else {
                System.out.printf(Locale.ROOT, "model %s: window %d+%d word pieces, %d of 6 MiniLM layers, %d ONNX Runtime "
                        + "thread(s); load average %s%n", model.version(), model.windowHead(), model.windowTail(),
                        model.encoderLayers(), threads, loadAverage());
            }
            RoutingMetrics.Result r = timingOnly ? null : report(ex, learned, enc);
            // microsecond-scale paths get many more calls, so the JIT has compiled them before the timed ones
            boolean fast = model.usesTokenTable();
            if (timingOnly) {
                for (int pieces : new int[] {32, 512}) {
                    String p = prompt(tok, pieces);
                    double[] e = time(() -> enc.embed(p), fast ? 20_000 : pieces == 32 ? 2000 : 500);
                    System.out.printf(Locale.ROOT, "embedding pass alone, %d-piece prompt: p50=%.3f ms p99=%.3f ms%n",
                            pieces, e[0], e[1]);
                }
            }
            double[] shortMs = timeDecisions(model, enc, prompt(tok, 32), fast ? 20_000 : 2000, true);
            double[] longMs = timeDecisions(model, enc, prompt(tok, 512), fast ? 20_000 : 500, true);
            double[] lexShortMs = timeDecisions(model, enc, prompt(tok, 32), 20_000, false);
            double[] lexMs = timeDecisions(model, enc, prompt(tok, 512), 20_000, false);
            System.out.printf(Locale.ROOT, "decision latency, 32-piece prompt:  p50=%.3f ms p99=%.3f ms%n", shortMs[0], shortMs[1]);
            System.out.printf(Locale.ROOT, "decision latency, 512-piece prompt: p50=%.3f ms p99=%.3f ms%n", longMs[0], longMs[1]);
            System.out.printf(Locale.ROOT, "decision latency without embedding (length scorer, 32-piece prompt): "
                    + "p50=%.4f ms p99=%.4f ms%n", lexShortMs[0], lexShortMs[1]);
            System.out.printf(Locale.ROOT, "decision latency without embedding (length scorer, 512-piece prompt): "
                    + "p50=%.4f ms p99=%.4f ms%n", lexMs[0], lexMs[1]);
            System.out.printf(Locale.ROOT, "load average after timing: %s%n", loadAverage());
            if (r == null) {
                System.out.printf(Locale.ROOT, "p99_ms_short=%.3f p99_ms_long=%.3f p99_ms_noemb_long=%.4f%n",
                        shortMs[1], longMs[1], lexMs[1]);
            } else {
                System.out.printf(Locale.ROOT, "apgr=%.4f cpt50=%.4f cpt80=%.4f p99_ms_short=%.3f p99_ms_long=%.3f n=%d%n",
                        r.apgr(), r.cpt50(), r.cpt80(), shortMs[1], longMs[1], r.n());
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The 1-minute load average (Linux), so a reader can judge how busy the shared machine was; "n/a" elsewhere. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static RoutingMetrics.Result report(List<RoutingExample> ex, LearnedScorer learned, SentenceEncoder enc) {
        int n = ex.size();
        double[] sl = new double[n], sr = new double[n], sn = new double[n];
        double[] lc = new double[n], cc = new double[n];
        RandomScorer random = new RandomScorer(42);
        LengthScorer length = new LengthScorer();
        for (int i = 0; i < n; i++) {
            String p = ex.get(i).prompt();
            Features f = new Features(p, LexicalFeatures.extract(p), learned.needsEmbedding() ? enc.embed(p) : null, null);
            sl[i] = learned.score(f);
            sr[i] = random.score(f);
            sn[i] = length.score(f);
            lc[i] = ex.get(i).localQuality();
            cc[i] = ex.get(i).cloudQuality();
        }
        RoutingMetrics.Result r = RoutingMetrics.evaluate(sl, lc, cc);
        System.out.printf(Locale.ROOT, "n=%d local_acc=%.4f cloud_acc=%.4f%n", n, r.localAccuracy(), r.cloudAccuracy());
        System.out.printf(Locale.ROOT, "%-28s %s%n", "learned (" + learned.version() + ")", r.line());
        System.out.printf(Locale.ROOT, "%-28s %s%n", "random baseline", RoutingMetrics.evaluate(sr, lc, cc).line());
        System.out.printf(Locale.ROOT, "%-28s %s%n", "length baseline", RoutingMetrics.evaluate(sn, lc, cc).line());
        heldOutBreakdown(ex, learned, sl, sr, sn);
        List<String> family = ex.stream().map(e -> io.edgerouter.router.train.Families.of(e.group())).toList();
        if (family.stream().distinct().count() > 1) {
            System.out.println("per family (the shipped model as it ships; see warnings below for in-sample rows):");
            FamilyReport perFamily = FamilyReport.of(family, sl, sn, lc, cc);
            System.out.print(perFamily.table("learned"));
        }
        warnInSample(ex, learned);
        return r;
    }

    /** Says how many rows of PATH come from subject files the model was trained on (their APGR is in-sample). */
    private static void warnInSample(List<RoutingExample> ex, LearnedScorer learned) {
        String trained = learned.model().metadata().getOrDefault("training_subjects", "");
        java.util.Set<String> trainedSet = new java.util.HashSet<>(List.of(trained.split(",")));
        long inSample = ex.stream().filter(e -> trainedSet.contains(e.group())).count();
        if (inSample > 0) {
            System.out.printf(Locale.ROOT, "WARNING: %d of %d rows are from subject files the model was trained on; the"
                    + " all-rows numbers (and the last line) are partly in-sample%n", inSample, ex.size());
        }
    }

    /**
     * When PATH holds subject files the model was trained on, the all-rows numbers above are partly in-sample: print
     * the same comparison on the rows whose subject the model never saw (its metadata.held_out_subjects).
     */
    private static void heldOutBreakdown(List<RoutingExample> ex, LearnedScorer learned, double[] sl, double[] sr,
                                         double[] sn) {
        String held = learned.model().metadata().getOrDefault("held_out_subjects", "");
        java.util.Set<String> heldSet = new java.util.HashSet<>(List.of(held.split(",")));
        int[] rows = java.util.stream.IntStream.range(0, ex.size())
                .filter(i -> heldSet.contains(ex.get(i).group())).toArray();
        if (rows.length == 0 || rows.length == ex.size()) {
            return;
        }
        System.out.printf(Locale.ROOT, "of which on subjects the model never saw (%d rows, %s):%n", rows.length, held);
        String[] names = {"  learned", "  random baseline", "  length baseline"};
        double[][] all = {sl, sr, sn};
        for (int k = 0; k < 3; k++) {
            double[] s = new double[rows.length];
            double[] lc = new double[rows.length], cc = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                s[j] = all[k][rows[j]];
                lc[j] = ex.get(rows[j]).localQuality();
                cc[j] = ex.get(rows[j]).cloudQuality();
            }
            System.out.printf(Locale.ROOT, "%-28s %s%n", names[k], RoutingMetrics.evaluate(s, lc, cc).line());
        }
    }

    /** Word {@code i} (cyclic) of the fixed vocabulary the benchmark prompts are made of. */
    public static String word(int i) {
        return WORDS[Math.floorMod(i, WORDS.length)];
    }

    /** A deterministic English-like prompt of exactly {@code pieces} word pieces (as the MiniLM tokenizer counts). */
    public static String prompt(WordPieceTokenizer tok, int pieces) {
        StringBuilder sb = new StringBuilder("Which statement about the following is correct?");
        int i = 0;
        while (tok.ids(sb.toString()).length < pieces) {
            sb.append(' ').append(WORDS[(i * 7 + 3) % WORDS.length]);
            i++;
        }
        while (tok.ids(sb.toString()).length > pieces) {
            sb.setLength(sb.lastIndexOf(" "));
        }
        return sb.toString();
    }

    /**
     * @return {p50, p99} in milliseconds of {@code op}, after a warm-up of a fifth as many calls (at least 50; at
     * least 10,000 for runs of 10,000 calls or more, which are the microsecond-scale ones)
     */
    private static double[] time(Runnable op, int iterations) {
        int warmUp = iterations >= 10_000 ? Math.max(10_000, iterations / 5) : Math.max(50, iterations / 5);
        for (int i = 0; i < warmUp; i++) {
            op.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[iterations / 2], ms[(int) Math.ceil(iterations * 0.99) - 1]};
    }

    /** @return {p50, p99} in milliseconds of full {@link Router#decide} calls */
    private static double[] timeDecisions(ScoringModel model, SentenceEncoder enc, String prompt, int iterations,
                                          boolean withEmbedding) {
        ScoreQuantiles q = new ScoreQuantiles(new double[] {0.1, 0.3, 0.5, 0.7, 0.9});
        Router router = withEmbedding
                ? new Router(new LearnedScorer(model), enc, new OnlineCalibrator(q), SignalAdjustment.DEFAULT)
                : new Router(new LengthScorer(), null, new OnlineCalibrator(q), SignalAdjustment.DEFAULT);
        RoutingPolicy policy = RoutingPolicy.targetShare("bench", 0.3, 0.2);
        RouteRequest request = RouteRequest.ofPrompt(prompt);
        return time(() -> router.decide(request, DeviceState.ONLINE_FRESH, policy), iterations);
    }
}
