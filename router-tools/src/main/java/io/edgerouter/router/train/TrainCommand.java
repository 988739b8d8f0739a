package io.edgerouter.router.train;

import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.feature.StaticTokenEncoder;
import io.edgerouter.router.feature.WordPieceTokenizer;
import io.edgerouter.router.scorer.Activation;
import io.edgerouter.router.scorer.DenseLayer;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Trains the shipped scorer and writes its weights file.
 * <pre>
 * TrainCommand --data DIR --out FILE [--model lr:both@gain] [--head 48] [--tail 16] [--layers 6] [--cache FILE]
 *              [--version NAME] [--encoder minilm|static [--prior W]]
 * </pre>
 * Steps: drop contaminated prompts and the {@link Holdout} subjects; 5-fold CV grouped by subject on the rest
 * (reported, and its out-of-fold logits fit the Platt calibration a, b); fit on all training subjects; record the
 * training score quantiles (for target-share thresholds) and the held-out-subject APGR in the metadata.
 * {@code --encoder static} trains on static MiniLM features ({@link StaticTable}; {@code --cache} is then the table's
 * scratch file) and writes the model folded into a token table: no transformer at request time.
 */
public final class TrainCommand {

    private TrainCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path data = Path.of(opt.getOrDefault("--data", "../shared/data/routing/mmlu"));
        String spec = opt.getOrDefault("--model", "lr:both@gain");
        int head = Integer.parseInt(opt.getOrDefault("--head", "48"));
        int tail = Integer.parseInt(opt.getOrDefault("--tail", "16"));
        int depth = Integer.parseInt(opt.getOrDefault("--layers", String.valueOf(MiniLmEncoder.FULL_DEPTH)));
        List<RoutingExample> all = RoutingDataset.load(data);
        Set<String> dirty = RoutingDataset.contaminated(data.resolveSibling("mmlu_contaminated_prompts.jsonl"));
        Set<String> held = Holdout.groups(all);
        String network = CrossValidation.modelPart(spec);
        if (!network.startsWith("lr") && !network.startsWith("mlp") && !network.startsWith("ridge")) {
            throw new IllegalArgumentException("only lr:SET, ridgeL:SET and mlpH:SET models can be shipped (dense layers), got " + spec);
        }
        FeatureSet set = CrossValidation.parse(network.substring(network.indexOf(':') + 1));
        boolean isStatic = opt.getOrDefault("--encoder", "minilm").equals("static");
        if (isStatic && (!set.embedding || network.startsWith("mlp"))) {
            throw new IllegalArgumentException("--encoder static folds a logistic regression over the embedding: use lr:emb"
                    + " or lr:both, got " + spec);
        }
        if (isStatic) {
            trainStaticOnAllFamilies(opt, args, spec, set);
            return;
        }
        List<RoutingExample> train = new ArrayList<>(), test = new ArrayList<>();
        for (RoutingExample e : all) {
            if (!dirty.contains(RoutingDataset.normalise(e.prompt()))) (held.contains(e.group()) ? test : train).add(e);
        }
        float[][] embTrain = null, embTest = null;
        if (set.embedding) {
            try (MiniLmEncoder enc = new MiniLmEncoder(head, tail, 1, depth)) {
                Path cache = opt.containsKey("--cache") ? Path.of(opt.get("--cache")) : null;
                float[][] allEmb = EmbeddingCache.embedAll(all, enc, cache);
                java.util.Map<RoutingExample, float[]> byExample = new java.util.IdentityHashMap<>();
                for (int i = 0; i < all.size(); i++) byExample.put(all.get(i), allEmb[i]);
                embTrain = train.stream().map(byExample::get).toArray(float[][]::new);
                embTest = test.stream().map(byExample::get).toArray(float[][]::new);
            }
        }

        int[] fold = GroupFolds.assign(train, 5);
        double[] oof = CrossValidation.outOfFold(spec, train, embTrain, fold, 5);
        RoutingMetrics.Result cv = CrossValidation.metrics(oof, train, null, -1);
        double[] platt = fitPlatt(oof, train);
        System.out.printf(Locale.ROOT, "grouped 5-fold CV on %d training prompts: %s; platt a=%.3f b=%.3f%n",
                train.size(), cv.line(), platt[0], platt[1]);

        double[][] x = set.matrix(train, embTrain);
        int[] rows = new int[x.length];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        Standardizer st = Standardizer.fit(x, rows);
        double[] y = CrossValidation.labels(spec, train);
        ModelSpec parsed = ModelSpec.parse(spec);
        List<DenseLayer> net = CrossValidation.fitDense(parsed, st.apply(x, rows), y,
                CrossValidation.sampleWeights(parsed, train, rows), CrossValidation.logCharsIndex(set, embTrain),
                CrossValidation.groups(train, rows));

        int embDim = set.embedding ? embTrain[0].length : 0;
        List<String> lexNames = set.lexical ? LexicalFeatures.NAMES : List.of();
        String version = opt.getOrDefault("--version", "router-" + spec.replace(':', '-').replace('@', '-').replace('~', '-')
                + "-w" + head + "+" + tail + (depth == MiniLmEncoder.FULL_DEPTH ? "" : "-L" + depth));
        ScoringModel draft = new ScoringModel(version, lexNames, embDim, head, tail, depth, NetworkTrainer.toFloat(st.mean()),
                NetworkTrainer.toFloat(st.scale()), net, platt[0], platt[1], Map.of());
        double[] trainScores = scores(draft, train, embTrain);
        double[] testScores = scores(draft, test, embTest);
        RoutingMetrics.Result heldOut = CrossValidation.metrics(testScores, test, null, -1);
        System.out.printf(Locale.ROOT, "held-out subjects %s (%d prompts): %s%n", held, test.size(), heldOut.line());

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("label", "P(local model (Mixtral-8x7B) answer wrong), Platt-calibrated on out-of-fold logits of a model"
                + " trained on " + (parsed.label().isEmpty() ? "local-wrong" : parsed.label()) + " labels"
                + (parsed.lengthBlend() > 0 ? ", logit blended with log-length (weight " + parsed.lengthBlend() + ")" : "")
                + (parsed.balanced() ? ", subject-balanced sample weights" : ""));
        meta.put("training_data", "RouteLLM MMLU responses, subjects minus held-out, contaminated prompts dropped");
        meta.put("held_out_subjects", String.join(",", held));
        meta.put("training_subjects", String.join(",", new java.util.TreeSet<>(train.stream().map(RoutingExample::group).toList())));
        meta.put("cv_apgr", fmt(cv.apgr()));
        meta.put("held_out_apgr", fmt(heldOut.apgr()));
        meta.put("command", "bench/router.d/train.sh (TrainCommand " + String.join(" ", args) + ")");
        StringJoiner q = new StringJoiner(",");
        for (double v : new ScoreQuantiles(trainScores).quantiles(101)) q.add(String.format(Locale.ROOT, "%.5f", v));
        meta.put("score_quantiles", q.toString());
        ScoringModel model = new ScoringModel(version, lexNames, embDim, head, tail, depth, draft.mean(), draft.scale(),
                draft.layers(), platt[0], platt[1], meta, draft.tokens());
        Path out = Path.of(opt.getOrDefault("--out", "router/src/main/resources/io/edgerouter/router/router-weights.json"));
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        WeightsFile.write(model, out);
        System.out.println("wrote " + out + " (" + java.nio.file.Files.size(out) + " bytes)");
    }

    /**
     * The default (static MiniLM) model: leave-one-family-out evaluation of the recipe over every family under
     * {@code --data} (reported and recorded; its out-of-family logits fit the Platt calibration), then one fit on all
     * families, folded into the token table.
     */
    static void trainStaticOnAllFamilies(Map<String, String> opt, String[] args, String spec, FeatureSet set)
            throws java.io.IOException {
        Path data = Path.of(opt.getOrDefault("--data", "../shared/data"));
        List<RoutingExample> all = RoutingDataset.loadClean(data);
        Path cache = Path.of(opt.getOrDefault("--cache", System.getProperty("java.io.tmpdir") + "/router-cache/static_table.bin"));
        StaticTable table = StaticTable.load(cache, 2);
        double prior = Double.parseDouble(opt.getOrDefault("--prior", String.valueOf(StaticTable.DEFAULT_PRIOR)));
        LofoCommand.Result lofo = LofoCommand.run(all, table, prior, List.of(spec));
        io.edgerouter.router.eval.FamilyReport report = lofo.report(spec);
        System.out.print(report.table(spec));
        double[] oof = lofo.scores().get(spec);
        double[] platt = fitPlatt(oof, all);
        StaticTable.Weighting weighting = table.weighting(all, prior);
        float[][] emb = table.features(all, weighting);
        double[][] x = set.matrix(all, emb);
        int[] rows = new int[x.length];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        Standardizer st = Standardizer.fit(x, rows);
        ModelSpec parsed = ModelSpec.parse(spec);
        List<DenseLayer> net = CrossValidation.fitDense(parsed, st.apply(x, rows), CrossValidation.labels(spec, all),
                CrossValidation.sampleWeights(parsed, all, rows), CrossValidation.logCharsIndex(set, emb),
                CrossValidation.groups(all, rows));
        String version = opt.getOrDefault("--version", "router-" + spec.replace(':', '-').replace('@', '-')
                .replace('~', '-') + "-static-families");
        List<String> lexNames = set.lexical ? LexicalFeatures.NAMES : List.of();
        ScoringModel draft = new ScoringModel(version, lexNames, emb[0].length, 48, 16, MiniLmEncoder.FULL_DEPTH,
                NetworkTrainer.toFloat(st.mean()), NetworkTrainer.toFloat(st.scale()), net, platt[0], platt[1], Map.of());
        ScoringModel folded = fold(draft, table, weighting);
        StaticTokenEncoder enc = new StaticTokenEncoder(WordPieceTokenizer.minilm(), folded.tokens());
        float[][] pieces = all.stream().map(e -> enc.embed(e.prompt())).toArray(float[][]::new);
        double worst = 0;
        for (int i = 0; i < all.size(); i++) {
            float[] lex = LexicalFeatures.extract(all.get(i).prompt());
            worst = Math.max(worst, Math.abs(draft.logit(emb[i], lex) - folded.logit(pieces[i], lex)));
        }
        System.out.printf(Locale.ROOT, "static table folded: %d pieces, largest logit change on the training prompts %.2e%n",
                folded.tokens().size(), worst);
        if (worst > 1e-3) throw new IllegalStateException("folding changed the model's logits by " + worst);
        double[] scores = scores(folded, all, pieces);
        RoutingMetrics.Result inSample = CrossValidation.metrics(scores, all, null, -1);
        io.edgerouter.router.eval.FamilyReport.Summary sum = report.summary();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("encoder", "static MiniLM: every word piece's all-MiniLM-L6-v2 output ([CLS] piece [SEP]), idf-weighted"
                + " mean over the text's pieces, folded with the linear model into one score per piece");
        meta.put("label", "P(local answer falls short), Platt-calibrated on leave-one-family-out logits of a model trained"
                + " on " + (parsed.label().isEmpty() ? "local-wrong" : parsed.label()) + " labels"
                + (parsed.lengthBlend() > 0 ? ", blended with log-length (weight " + parsed.lengthBlend() + ")" : "")
                + (parsed.balanced() ? ", family-balanced sample weights" : "")
                + (parsed.within() > 0 ? ", within-file fit weight " + parsed.within() : ""));
        meta.put("recipe", spec);
        meta.put("training_data", "every CSV under " + data.getFileName() + " (RouteLLM MMLU, LLMRouter, arena-bench-v1),"
                + " contaminated and cross-family duplicate prompts dropped");
        meta.put("training_families", String.join(",", new java.util.TreeSet<>(lofo.family())));
        meta.put("training_subjects", String.join(",", new java.util.TreeSet<>(all.stream().map(RoutingExample::group).toList())));
        meta.put("training_rows", String.valueOf(all.size()));
        meta.put("lofo", sum.line());
        meta.put("lofo_mean_apgr", fmt(sum.meanApgr()));
        StringJoiner fam = new StringJoiner(",");
        for (io.edgerouter.router.eval.FamilyReport.Row r : report.rows()) {
            fam.add(r.family() + "=" + fmt(r.learned().apgr()));
        }
        meta.put("lofo_family_apgr", fam.toString());
        meta.put("in_sample_apgr", fmt(inSample.apgr()));
        meta.put("command", "bench/router.d/train.sh (TrainCommand " + String.join(" ", args) + ")");
        StringJoiner q = new StringJoiner(",");
        for (double v : new ScoreQuantiles(scores).quantiles(101)) q.add(String.format(Locale.ROOT, "%.5f", v));
        meta.put("score_quantiles", q.toString());
        ScoringModel model = new ScoringModel(version, lexNames, 1, 0, 0, MiniLmEncoder.FULL_DEPTH, folded.mean(),
                folded.scale(), folded.layers(), platt[0], platt[1], meta, folded.tokens());
        Path out = Path.of(opt.getOrDefault("--out", "router/src/main/resources/io/edgerouter/router/router-weights.json"));
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        WeightsFile.write(model, out);
        System.out.println(sum.line());
        System.out.println("wrote " + out + " (" + java.nio.file.Files.size(out) + " bytes)");
    }

    /**
     * The static model's logistic regression over [piece-vector mean (d) ++ lexical], folded: the first d weights go
     * into the token table, leaving a layer over [table mean (1) ++ lexical] with the same logits.
     */
    static ScoringModel fold(ScoringModel draft, StaticTable table, StaticTable.Weighting weighting) {
        int d = draft.embeddingDim();
        int lexN = draft.lexicalNames().size();
        if (draft.layers().size() != 1) throw new IllegalArgumentException("only a single linear layer folds");
        DenseLayer lr = draft.layers().get(0);
        double[] mean = new double[d], scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = draft.mean()[j];
            scale[j] = draft.scale()[j];
        }
        StaticTable.Folded folded = table.fold(new DenseLayer(d, 1, java.util.Arrays.copyOf(lr.weights(), d), lr.bias(),
                Activation.IDENTITY), mean, scale, weighting);
        float[] m = new float[1 + lexN], sc = new float[1 + lexN], w = new float[1 + lexN];
        sc[0] = 1;
        w[0] = 1;
        for (int j = 0; j < lexN; j++) {
            m[1 + j] = draft.mean()[d + j];
            sc[1 + j] = draft.scale()[d + j];
            w[1 + j] = lr.weights()[d + j];
        }
        DenseLayer layer = new DenseLayer(1 + lexN, 1, w, new float[] {(float) folded.bias()}, Activation.IDENTITY);
        return new ScoringModel(draft.version(), draft.lexicalNames(), 1, 0, 0, draft.encoderLayers(), m, sc,
                List.of(layer), draft.calibA(), draft.calibB(), draft.metadata(), folded.tokens());
    }

    static double[] scores(ScoringModel m, List<RoutingExample> ex, float[][] emb) {
        double[] s = new double[ex.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = m.probability(emb == null ? null : emb[i], LexicalFeatures.extract(ex.get(i).prompt()));
        }
        return s;
    }

    /**
     * 1-D logistic regression of the label on the out-of-fold logit: p = sigmoid(a·z + b), by damped Newton steps
     * with a small ridge on a and b (out-of-fold logits of a well-separated fold could otherwise send a to infinity
     * and saturate every score to 0 or 1, which would turn rankings into ties).
     */
    static double[] fitPlatt(double[] z, List<RoutingExample> ex) {
        double a = 1, b = 0, ridge = 1e-3 * z.length;
        for (int it = 0; it < 100; it++) {
            double ga = ridge * (a - 1), gb = ridge * b, haa = ridge, hab = 0, hbb = ridge;
            for (int i = 0; i < z.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * z[i] + b)));
                double e = p - ex.get(i).localWrong(), w = Math.max(p * (1 - p), 1e-9);
                ga += e * z[i]; gb += e;
                haa += w * z[i] * z[i]; hab += w * z[i]; hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            double step = Math.min(1.0, 1.0 / Math.max(Math.abs(da), Math.abs(db))); // at most 1 per step
            a -= step * da;
            b -= step * db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) break;
        }
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalStateException("Platt calibration diverged: a=" + a + " b=" + b);
        }
        return new double[] {Math.max(a, 1e-3), b};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
