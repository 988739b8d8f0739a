package io.edgerouter.router.train;

import io.edgerouter.router.eval.FamilyReport;
import io.edgerouter.router.scorer.LengthScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-family-out evaluation, the router's model-selection criterion: for every task family ({@link Families})
 * train each candidate on all other families and score the family left out; then compare per family with the length
 * baseline and random ({@link FamilyReport}).
 * <pre>LofoCommand --data DIR [--cache STATIC_TABLE] [--prior W] [--markdown] [--default-recipe] SPEC...</pre>
 * ({@code --default-recipe}: the recipe the committed default model records.)
 * Features are static MiniLM ({@link StaticTable}; the idf weighting is recomputed for every left-out family from the
 * training families' prompts only) plus the lexical features; SPEC as in {@link ModelSpec}. Prints one table per spec
 * and ends with the last spec's {@code lofo_mean_apgr=… length_mean_apgr=… wins=W/F large_below_random=K}.
 */
public final class LofoCommand {

    private LofoCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        List<String> specs = new ArrayList<>();
        boolean markdown = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--markdown")) {
                markdown = true;
            } else if (args[i].equals("--default-recipe")) {
                specs.add(io.edgerouter.router.scorer.WeightsFile.loadDefault().metadata().get("recipe"));
            } else if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) throw new IllegalArgumentException("option " + args[i] + " needs a value");
                opt.put(args[i], args[++i]);
            } else {
                specs.add(args[i]);
            }
        }
        if (!opt.containsKey("--data") || specs.isEmpty()) {
            throw new IllegalArgumentException("usage: LofoCommand --data DIR [--cache FILE] [--prior W] [--markdown] SPEC...");
        }
        List<RoutingExample> ex = RoutingDataset.loadClean(Path.of(opt.get("--data")));
        StaticTable table = StaticTable.load(Path.of(opt.getOrDefault("--cache",
                System.getProperty("java.io.tmpdir") + "/router-cache/static_table.bin")), 2);
        double prior = Double.parseDouble(opt.getOrDefault("--prior", String.valueOf(StaticTable.DEFAULT_PRIOR)));
        Result r = run(ex, table, prior, specs);
        FamilyReport last = null;
        for (String spec : specs) {
            last = r.report(spec);
            System.out.printf(Locale.ROOT, "%n## %s%n%n", spec);
            if (markdown) {
                System.out.print(last.table(spec));
            }
            System.out.println(last.summary().line() + " spec=" + spec);
        }
        System.out.println(last.summary().line());
    }

    /** Out-of-family scores of every spec, and what is needed to report them. */
    public record Result(List<RoutingExample> examples, List<String> family, Map<String, double[]> scores) {

        public FamilyReport report(String spec) {
            int n = examples.size();
            double[] length = new double[n], local = new double[n], cloud = new double[n];
            for (int i = 0; i < n; i++) {
                length[i] = LengthScorer.lengthScore(examples.get(i).prompt());
                local[i] = examples.get(i).localQuality();
                cloud[i] = examples.get(i).cloudQuality();
            }
            return FamilyReport.of(family, scores.get(spec), length, local, cloud);
        }
    }

    /** Runs every spec over every left-out family. */
    public static Result run(List<RoutingExample> ex, StaticTable table, double prior, List<String> specs) {
        List<String> family = ex.stream().map(e -> Families.of(e.group())).toList();
        List<String> names = family.stream().distinct().sorted().toList();
        int[] fold = new int[ex.size()];
        for (int i = 0; i < fold.length; i++) fold[i] = names.indexOf(family.get(i));
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String s : specs) scores.put(s, new double[ex.size()]);
        long t0 = System.nanoTime();
        for (int f = 0; f < names.size(); f++) {
            List<RoutingExample> training = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) if (fold[i] != f) training.add(ex.get(i));
            float[][] emb = table.features(ex, table.weighting(training, prior));
            for (String s : specs) CrossValidation.scoreFold(s, ex, emb, fold, f, scores.get(s));
            System.err.printf(Locale.ROOT, "left out %s (%d/%d, %.0f s)%n", names.get(f), f + 1, names.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        return new Result(ex, family, scores);
    }
}
