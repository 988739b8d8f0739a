import io.edgerouter.router.DeviceState;
import io.edgerouter.router.RouteRequest;
import io.edgerouter.router.Router;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.eval.BenchCommand;
import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.feature.SentenceEncoder;
import io.edgerouter.router.feature.StaticTokenEncoder;
import io.edgerouter.router.feature.WordPieceTokenizer;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.LengthScorer;
import io.edgerouter.router.scorer.RandomScorer;
import io.edgerouter.router.scorer.Scorer;
import io.edgerouter.router.train.RoutingDataset;
import io.edgerouter.router.train.RoutingExample;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Router data for bench/all's figures, computed with the router library as shipped (read-only use of its public
 * API; bench/router stays the router's own benchmark):
 * <ul>
 *   <li>router_curves.tsv, router_apgr.tsv: quality (accuracy of the local/cloud mix) against cloud share for the
 *       learned scorer, the random and length baselines and the oracle, on the subjects the model was never trained
 *       on (all rows when PATH holds none of them); APGR and CPT as RoutingMetrics computes them;</li>
 *   <li>router_prompt_length.tsv: decision latency against prompt length in word pieces, with and without the
 *       embedding;</li>
 *   <li>router_subtasks.tsv: decision latency of a numbered multi-part request against its number of parts.</li>
 * </ul>
 * Usage: java -cp ROUTER_CLASSPATH RouterSweeps.java DATA OUT_DIR [quick]
 */
public final class RouterSweeps {

    private static final WordPieceTokenizer TOKENIZER = WordPieceTokenizer.minilm();

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        boolean quick = args.length > 2 && args[2].equals("quick");
        LearnedScorer learned = LearnedScorer.loadDefault();
        // the encoder as the shipped weights were trained with: window and depth come from the weights file
        var m = learned.model();
        try (SentenceEncoder enc = m.usesTokenTable() ? new StaticTokenEncoder(TOKENIZER, m.tokens())
                : new MiniLmEncoder(Math.max(1, m.windowHead()), m.windowTail(), 1, m.encoderLayers())) {
            curves(data, out, learned, enc);
            // microsecond-scale decisions (static model, no embedding) get many calls and a long warm-up, so the JIT
            // has compiled them before timing starts; MiniLM decisions take milliseconds and need far fewer
            boolean fast = m.usesTokenTable();
            promptLength(out, learned, enc, fast ? 20_000 : quick ? 100 : 400, 20_000);
            subtasks(out, learned, enc, fast ? 10_000 : quick ? 60 : 200);
        }
    }

    static void curves(Path data, Path out, LearnedScorer learned, SentenceEncoder enc) throws Exception {
        List<RoutingExample> all = RoutingDataset.loadClean(data);
        Set<String> held = Set.of(learned.model().metadata().getOrDefault("held_out_subjects", "").split(","));
        List<RoutingExample> rows = all.stream().filter(e -> held.contains(e.group())).toList();
        String subset = "held_out_subjects";
        if (rows.isEmpty()) {
            rows = all;
            subset = "all_rows";
        }
        int n = rows.size();
        String[] names = {"learned", "random", "length", "oracle"};
        double[][] scores = new double[names.length][n];
        double[] lc = new double[n], cc = new double[n];
        Scorer random = new RandomScorer(42), length = new LengthScorer();
        for (int i = 0; i < n; i++) {
            RoutingExample e = rows.get(i);
            String p = e.prompt();
            Features f = new Features(p, LexicalFeatures.extract(p), learned.needsEmbedding() ? enc.embed(p) : null, null);
            lc[i] = e.localQuality();
            cc[i] = e.cloudQuality();
            scores[0][i] = learned.score(f);
            scores[1][i] = random.score(f);
            scores[2][i] = length.score(f);
            scores[3][i] = cc[i] - lc[i]; // the oracle knows which prompts the cloud fixes
        }
        StringBuilder apgr = new StringBuilder("scorer\tapgr\tcpt50\tcpt80\tlocal_acc\tcloud_acc\tn\tsubset\tversion\n");
        double[][] quality = new double[names.length][];
        for (int s = 0; s < names.length; s++) {
            RoutingMetrics.Result r = RoutingMetrics.evaluate(scores[s], lc, cc);
            apgr.append(String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%s\t%s%n", names[s], r.apgr(),
                    r.cpt50(), r.cpt80(), r.localAccuracy(), r.cloudAccuracy(), n, subset, learned.version()));
            quality[s] = RoutingMetrics.qualityCurve(scores[s], lc, cc);
            System.out.println("router " + names[s] + " " + r.line() + " n=" + n + " " + subset);
        }
        StringBuilder tsv = new StringBuilder("cloud_share\t" + String.join("\t", names) + "\n");
        for (int step = 0; step <= 100; step++) {
            int k = (int) Math.round(step / 100.0 * n);
            tsv.append(String.format(Locale.ROOT, "%.4f", k / (double) n));
            for (double[] q : quality) {
                tsv.append(String.format(Locale.ROOT, "\t%.5f", q[k]));
            }
            tsv.append('\n');
        }
        Files.writeString(out.resolve("router_curves.tsv"), tsv);
        Files.writeString(out.resolve("router_apgr.tsv"), apgr);
    }

    static void promptLength(Path out, LearnedScorer learned, SentenceEncoder enc, int iterations, int lexIterations)
            throws Exception {
        StringBuilder tsv = new StringBuilder("prompt_pieces\tp50_ms\tp99_ms\tcpu_p50_ms\tcpu_p99_ms\tlexical_p50_ms"
                + "\tlexical_p99_ms\n");
        for (int pieces : new int[] {16, 32, 64, 128, 256, 512, 1024}) {
            String prompt = BenchCommand.prompt(TOKENIZER, pieces);
            double[] full = time(router(learned, enc), RouteRequest.ofPrompt(prompt), iterations);
            double[] lex = time(router(new LengthScorer(), null), RouteRequest.ofPrompt(prompt), lexIterations);
            String row = String.format(Locale.ROOT, "%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.5f\t%.5f", pieces, full[0], full[1],
                    full[2], full[3], lex[0], lex[1]);
            System.out.println("router prompt_length " + row.replace('\t', ' '));
            tsv.append(row).append('\n');
        }
        Files.writeString(out.resolve("router_prompt_length.tsv"), tsv);
    }

    /** A numbered list of {@code parts} requests of about 20 word pieces each; the decomposer splits it. */
    static void subtasks(Path out, LearnedScorer learned, SentenceEncoder enc, int iterations) throws Exception {
        StringBuilder tsv = new StringBuilder("subtasks\tprompt_pieces\tp50_ms\tp99_ms\tcpu_p50_ms\tcpu_p99_ms\n");
        Router router = router(learned, enc);
        for (int parts : new int[] {1, 2, 4, 8, 16}) {
            StringBuilder text = new StringBuilder(parts == 1 ? "" : "Answer each of these:\n");
            for (int p = 0; p < parts; p++) {
                StringBuilder q = new StringBuilder("Explain how the");
                for (int w = 0; w < 16; w++) {
                    q.append(' ').append(BenchCommand.word(p * 11 + w * 7 + 3));
                }
                text.append(parts == 1 ? q + "." : (p + 1) + ". " + q + ".\n");
            }
            RouteRequest request = RouteRequest.ofPrompt(text.toString());
            int split = router.decide(request, DeviceState.ONLINE_FRESH, policy()).subtasks().size();
            if (split != parts) {
                throw new IllegalStateException("the decomposer split " + parts + " parts into " + split);
            }
            double[] ms = time(router, request, iterations >= 10_000 ? iterations : Math.max(20, iterations / parts));
            String row = String.format(Locale.ROOT, "%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f", parts,
                    TOKENIZER.ids(text.toString()).length, ms[0], ms[1], ms[2], ms[3]);
            System.out.println("router subtasks " + row.replace('\t', ' '));
            tsv.append(row).append('\n');
        }
        Files.writeString(out.resolve("router_subtasks.tsv"), tsv);
    }

    static Router router(Scorer scorer, SentenceEncoder enc) {
        return new Router(scorer, enc, new OnlineCalibrator(new ScoreQuantiles(new double[] {0.1, 0.3, 0.5, 0.7, 0.9})),
                SignalAdjustment.DEFAULT);
    }

    static RoutingPolicy policy() {
        return RoutingPolicy.targetShare("bench", 0.3, 0.2).withSplitSubtasks(true);
    }

    /**
     * @return {p50, p99} in milliseconds of full Router.decide calls after a warm-up, then {p50, p99} of the calling
     * thread's CPU time (ONNX Runtime runs the encoder on the calling thread with one intra-op thread)
     */
    static double[] time(Router router, RouteRequest request, int iterations) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RoutingPolicy policy = policy();
        Decision last = null;
        int warmUp = iterations >= 5_000 ? Math.max(10_000, iterations / 5) : Math.max(20, iterations / 5);
        for (int i = 0; i < warmUp; i++) {
            last = router.decide(request, DeviceState.ONLINE_FRESH, policy);
        }
        double[] ms = new double[iterations], cpu = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            last = router.decide(request, DeviceState.ONLINE_FRESH, policy);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        if (last.route() == null) {
            throw new IllegalStateException("no route");
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        int p99 = (int) Math.ceil(iterations * 0.99) - 1;
        return new double[] {ms[iterations / 2], ms[p99], cpu[iterations / 2], cpu[p99]};
    }
}
