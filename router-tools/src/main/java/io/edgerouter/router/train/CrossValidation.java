package io.edgerouter.router.train;

import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.scorer.DenseLayer;
import io.edgerouter.router.scorer.LengthScorer;
import java.util.List;

/** Out-of-fold scores for one model spec (see {@link ExperimentCommand}); folds never share a subject file. */
final class CrossValidation {

    private CrossValidation() {
    }

    static double[] outOfFold(String specText, List<RoutingExample> ex, float[][] emb, int[] fold, int k) {
        double[] oof = new double[ex.size()];
        for (int f = 0; f < k; f++) {
            scoreFold(specText, ex, emb, fold, f, oof);
        }
        return oof;
    }

    /**
     * Trains on the rows whose fold is not {@code f} and writes the scores of the rows in fold {@code f} into
     * {@code out} (other entries untouched). Random and length need no training.
     */
    static void scoreFold(String specText, List<RoutingExample> ex, float[][] emb, int[] fold, int f, double[] out) {
        ModelSpec spec = ModelSpec.parse(specText);
        String model = spec.model();
        int[] test = GroupFolds.rowsWhere(fold, f, true);
        if (model.equals("random")) {
            double[] r = ExperimentCommand.randomScores(ex.size(), 7);
            for (int i : test) out[i] = r[i];
            return;
        }
        if (model.equals("length")) {
            for (int i : test) out[i] = LengthScorer.lengthScore(ex.get(i).prompt());
            return;
        }
        double[] y = labels(specText, ex);
        FeatureSet set = model.contains(":") ? parse(model.substring(model.indexOf(':') + 1)) : FeatureSet.EMBEDDING;
        double[][] x = set.matrix(ex, emb);
        int[] train = GroupFolds.rowsWhere(fold, f, false);
        if (model.startsWith("knn")) {
            int kk = Integer.parseInt(model.substring(3, model.contains(":") ? model.indexOf(':') : model.length()));
            for (int r : test) out[r] = KnnScorer.score(emb[r], emb, train, y, kk);
            return;
        }
        Standardizer s = Standardizer.fit(x, train);
        double[][] xtr = s.apply(x, train), xte = s.apply(x, test);
        double[] ytr = new double[train.length];
        for (int i = 0; i < train.length; i++) ytr[i] = y[train[i]];
        if (model.startsWith("stumps")) {
            int rounds = Integer.parseInt(model.substring(6, model.indexOf(':')));
            BoostedStumps b = BoostedStumps.fit(xtr, ytr, rounds, 0.1, 32);
            for (int i = 0; i < test.length; i++) out[test[i]] = b.logit(xte[i]);
            return;
        }
        List<DenseLayer> net = fitDense(spec, xtr, ytr, sampleWeights(spec, ex, train), logCharsIndex(set, emb),
                groups(ex, train));
        for (int i = 0; i < test.length; i++) out[test[i]] = forward(net, xte[i]);
    }

    /** The spec without its label and training suffixes: "lr:both@gain+len0.3" → "lr:both". */
    static String modelPart(String spec) {
        return ModelSpec.parse(spec).model();
    }

    /** Column of {@code log_chars} in a {@link FeatureSet#matrix} row, or -1 when the set has no lexical part. */
    static int logCharsIndex(FeatureSet set, float[][] emb) {
        if (!set.lexical) return -1;
        return set.embedding ? emb[0].length + io.edgerouter.router.feature.LexicalFeatures.NAMES.indexOf("log_chars")
                : io.edgerouter.router.feature.LexicalFeatures.NAMES.indexOf("log_chars");
    }

    /**
     * Trains a logistic regression or MLP on standardised rows, then applies the spec's length blend (logistic
     * regression only: the blend is folded into its weights, see {@link ModelSpec}).
     */
    /** The subject of each of {@code rows}. */
    static String[] groups(List<RoutingExample> ex, int[] rows) {
        String[] g = new String[rows.length];
        for (int i = 0; i < rows.length; i++) g[i] = ex.get(rows[i]).group();
        return g;
    }

    static List<DenseLayer> fitDense(ModelSpec spec, double[][] xStd, double[] y, double[] weights, int logChars,
                                     String[] groups) {
        List<DenseLayer> net;
        if (spec.model().startsWith("ridge")) {
            double lambda = Double.parseDouble(spec.model().substring(5, spec.model().indexOf(':')));
            net = List.of(RidgeTrainer.fit(xStd, y, weights, groups, lambda, spec.within()));
        } else {
            net = NetworkTrainer.train(xStd, y, weights, config(spec.model()));
        }
        if (spec.lengthBlend() == 0) return net;
        if (net.size() != 1 || logChars < 0) {
            throw new IllegalArgumentException("+len blends need lr or ridge on lex or both, got " + spec.model());
        }
        DenseLayer lr = net.get(0);
        double sum = 0, sq = 0;
        for (double[] x : xStd) {
            double z = lr.forward(x)[0];
            sum += z;
            sq += z * z;
        }
        double mean = sum / xStd.length, sd = Math.sqrt(Math.max(sq / xStd.length - mean * mean, 1e-12));
        double keep = (1 - spec.lengthBlend()) / sd;
        float[] w = lr.weights().clone();
        for (int j = 0; j < w.length; j++) w[j] *= (float) keep;
        w[logChars] += (float) spec.lengthBlend();
        float[] b = {(float) (lr.bias()[0] * keep)};
        return List.of(new DenseLayer(lr.inputs(), 1, w, b, lr.activation()));
    }

    /**
     * Family-balanced weights (mean 1 over {@code rows}: every training family ({@link Families}) weighs the same in
     * total) for a {@code ~bal} spec, else null.
     */
    static double[] sampleWeights(ModelSpec spec, List<RoutingExample> ex, int[] rows) {
        if (!spec.balanced()) return null;
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (int r : rows) count.merge(Families.of(ex.get(r).group()), 1, Integer::sum);
        double[] w = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            w[i] = rows.length / (double) count.size() / count.get(Families.of(ex.get(rows[i]).group()));
        }
        return w;
    }

    /**
     * Training targets in [0, 1] for a spec's label suffix: none → local wrong; {@code @gain} → cloud right and local
     * wrong (the only prompts where the cloud recovers quality); {@code @delta} → (cloud − local + 1) / 2, the
     * expected quality gain of the cloud mapped to [0, 1] (a prompt only the local model gets right counts against).
     */
    static double[] labels(String spec, List<RoutingExample> ex) {
        String label = ModelSpec.parse(spec).label();
        double[] y = new double[ex.size()];
        for (int i = 0; i < y.length; i++) {
            RoutingExample e = ex.get(i);
            double local = e.localQuality(), cloud = e.cloudQuality();
            y[i] = switch (label) {
                case "" -> 1 - local;
                case "gain" -> cloud * (1 - local);
                case "delta" -> (cloud - local + 1) / 2;
                // the mean gain of stronger over weaker models where more models scored the prompt, else this pair's
                case "many" -> ((Double.isNaN(e.manyModelGain()) ? cloud - local : e.manyModelGain()) + 1) / 2;
                default -> throw new IllegalArgumentException("label must be @gain, @delta or @many, got @" + label);
            };
        }
        return y;
    }

    /** lr:SET → logistic regression; mlpH:SET or mlpH_E_L2:SET → MLP with H hidden units, E epochs, weight decay. */
    static NetworkTrainer.Config config(String model) {
        String head = model.substring(0, model.indexOf(':'));
        if (head.startsWith("lr")) {
            double l2 = head.length() > 2 ? Double.parseDouble(head.substring(3)) : 1e-3;
            return new NetworkTrainer.Config(0, 20, 64, 0.01, l2, 11);
        }
        String[] p = head.substring(3).split("_");
        int hidden = Integer.parseInt(p[0]);
        int epochs = p.length > 1 ? Integer.parseInt(p[1]) : 20;
        double l2 = p.length > 2 ? Double.parseDouble(p[2]) : 1e-3;
        return new NetworkTrainer.Config(hidden, epochs, 64, 0.002, l2, 11);
    }

    static FeatureSet parse(String s) {
        return switch (s) {
            case "lex" -> FeatureSet.LEXICAL;
            case "emb" -> FeatureSet.EMBEDDING;
            case "both" -> FeatureSet.COMBINED;
            default -> throw new IllegalArgumentException("feature set must be lex, emb or both; got " + s);
        };
    }

    static double forward(List<DenseLayer> net, double[] x) {
        for (DenseLayer l : net) x = l.forward(x);
        return x[0];
    }

    static RoutingMetrics.Result metrics(double[] scores, List<RoutingExample> ex, int[] fold, int f) {
        int count = 0;
        for (int i = 0; i < ex.size(); i++) if (fold == null || fold[i] == f) count++;
        double[] s = new double[count];
        double[] l = new double[count], c = new double[count];
        int j = 0;
        for (int i = 0; i < ex.size(); i++) {
            if (fold == null || fold[i] == f) {
                s[j] = scores[i];
                l[j] = ex.get(i).localQuality();
                c[j++] = ex.get(i).cloudQuality();
            }
        }
        return RoutingMetrics.evaluate(s, l, c);
    }
}
