package io.edgerouter.router.train;

import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.MiniLmEncoder;
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
 *              [--version NAME]
 * </pre>
 * Steps: drop contaminated prompts and the {@link Holdout} subjects; 5-fold CV grouped by subject on the rest
 * (reported, and its out-of-fold logits fit the Platt calibration a, b); fit on all training subjects; record the
 * training score quantiles (for target-share thresholds) and the held-out-subject APGR in the metadata.
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
        if (!network.startsWith("lr") && !network.startsWith("mlp")) {
            throw new IllegalArgumentException("only lr:SET and mlpH:SET models can be shipped (dense layers), got " + spec);
        }
        FeatureSet set = CrossValidation.parse(network.substring(network.indexOf(':') + 1));
        float[][] allEmb = null;
        if (set.embedding) {
            try (MiniLmEncoder enc = new MiniLmEncoder(head, tail, 1, depth)) {
                Path cache = opt.containsKey("--cache") ? Path.of(opt.get("--cache")) : null;
                allEmb = EmbeddingCache.embedAll(all, enc, cache);
            }
        }
        List<RoutingExample> train = new ArrayList<>(), test = new ArrayList<>();
        List<float[]> trainEmb = new ArrayList<>(), testEmb = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            RoutingExample e = all.get(i);
            if (dirty.contains(RoutingDataset.normalise(e.prompt()))) continue;
            boolean h = held.contains(e.group());
            (h ? test : train).add(e);
            if (allEmb != null) (h ? testEmb : trainEmb).add(allEmb[i]);
        }
        float[][] embTrain = allEmb == null ? null : trainEmb.toArray(new float[0][]);
        float[][] embTest = allEmb == null ? null : testEmb.toArray(new float[0][]);

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
                CrossValidation.sampleWeights(parsed, train, rows), CrossValidation.logCharsIndex(set, embTrain));

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
        ScoringModel model = new ScoringModel(version, lexNames, embDim, head, tail, depth, draft.mean(), draft.scale(), net,
                platt[0], platt[1], meta);
        Path out = Path.of(opt.getOrDefault("--out", "router/src/main/resources/io/edgerouter/router/router-weights.json"));
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        WeightsFile.write(model, out);
        System.out.println("wrote " + out + " (" + java.nio.file.Files.size(out) + " bytes)");
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
