package io.edgerouter.router.train;

import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.MiniLmEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * 5-fold cross-validation grouped by subject file over a list of candidate models; prints pooled out-of-fold APGR /
 * CPT and the mean per-fold APGR. Usage: {@code ExperimentCommand DATA_DIR CACHE_FILE HEAD TAIL[/LAYERS] [model...]}
 * (LAYERS: MiniLM transformer layers kept, default 6). CACHE_FILE {@code static} or {@code static=TABLE_FILE} uses
 * static MiniLM features ({@link StaticTable}; prior weight from {@code -Dstatic.prior=W}) instead of forward passes
 * (HEAD and TAIL are then ignored), {@code none}
 * no embedding.
 * Models: random, length, lr:SET, lr_L2:SET, mlpH:SET, mlpH_EPOCHS_L2:SET, knnK, stumpsR:SET, each optionally suffixed
 * {@code @gain} (label = cloud right and local wrong) or {@code @delta} (see {@link CrossValidation#labels}) instead of
 * the default label local-wrong. SET = lex | emb | both.
 */
public final class ExperimentCommand {

    private ExperimentCommand() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        List<RoutingExample> all = RoutingDataset.load(data);
        Set<String> dirty = RoutingDataset.contaminated(data.resolveSibling("mmlu_contaminated_prompts.jsonl"));
        Set<String> held = Holdout.groups(all);
        float[][] allEmb = null;
        if (args[1].startsWith("static")) {
            // static MiniLM features; idf from the training-subject prompts (document frequencies only, no labels)
            StaticTable table = StaticTable.load(args[1].contains("=") ? Path.of(args[1].substring(args[1].indexOf('=') + 1))
                    : Path.of(System.getProperty("java.io.tmpdir"), "router-cache", "static_table.bin"), 2);
            List<RoutingExample> trainingSubjects = Holdout.select(all, held, dirty, false);
            allEmb = table.features(all, table.weighting(trainingSubjects,
                    Double.parseDouble(System.getProperty("static.prior", String.valueOf(StaticTable.DEFAULT_PRIOR)))));
        } else if (!args[1].equals("none")) {
            String[] tail = args[3].split("/");
            int depth = tail.length > 1 ? Integer.parseInt(tail[1]) : MiniLmEncoder.FULL_DEPTH;
            try (MiniLmEncoder enc = new MiniLmEncoder(Integer.parseInt(args[2]), Integer.parseInt(tail[0]), 1, depth)) {
                allEmb = EmbeddingCache.embedAll(all, enc, Path.of(args[1]));
            }
        }
        List<RoutingExample> examples = new ArrayList<>();
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            RoutingExample e = all.get(i);
            if (!held.contains(e.group()) && !dirty.contains(RoutingDataset.normalise(e.prompt()))) {
                examples.add(e);
                if (allEmb != null) kept.add(allEmb[i]);
            }
        }
        float[][] emb = allEmb == null ? null : kept.toArray(new float[0][]);
        System.out.printf(Locale.ROOT, "training-subject examples=%d (held out %s; contaminated dropped)%n",
                examples.size(), held);
        int[] fold = GroupFolds.assign(examples, 5);
        for (int a = 4; a < args.length; a++) {
            long t0 = System.nanoTime();
            double[] oof = CrossValidation.outOfFold(args[a], examples, emb, fold, 5);
            report(args[a], oof, examples, fold, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void report(String name, double[] oof, List<RoutingExample> ex, int[] fold, double seconds) {
        RoutingMetrics.Result pooled = CrossValidation.metrics(oof, ex, null, -1);
        double sum = 0;
        StringBuilder per = new StringBuilder();
        for (int f = 0; f < 5; f++) {
            double apgr = CrossValidation.metrics(oof, ex, fold, f).apgr();
            sum += apgr;
            per.append(String.format(Locale.ROOT, " %.3f", apgr));
        }
        System.out.printf(Locale.ROOT, "%-22s pooled %s | fold-mean apgr=%.4f [%s ] %.0fs%n", name, pooled.line(),
                sum / 5, per.toString().trim(), seconds);
    }

    static double[] randomScores(int n, long seed) {
        Random r = new Random(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = r.nextDouble();
        return s;
    }
}
