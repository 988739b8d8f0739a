package io.edgerouter.router.train;

import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.scorer.DenseLayer;
import io.edgerouter.router.scorer.LengthScorer;
import java.util.List;

/** Out-of-fold scores for one model spec (see {@link ExperimentCommand}); folds never share a subject file. */
final class CrossValidation {

    private CrossValidation() {
    }

    static double[] outOfFold(String spec, List<RoutingExample> ex, float[][] emb, int[] fold, int k) {
        int n = ex.size();
        String model = modelPart(spec);
        double[] y = labels(spec, ex);
        if (model.equals("random")) return ExperimentCommand.randomScores(n, 7);
        double[] oof = new double[n];
        if (model.equals("length")) {
            for (int i = 0; i < n; i++) oof[i] = LengthScorer.lengthScore(ex.get(i).prompt());
            return oof;
        }
        FeatureSet set = model.contains(":") ? parse(model.substring(model.indexOf(':') + 1)) : FeatureSet.EMBEDDING;
        double[][] x = set.matrix(ex, emb);
        for (int f = 0; f < k; f++) {
            int[] train = GroupFolds.rowsWhere(fold, f, false);
            int[] test = GroupFolds.rowsWhere(fold, f, true);
            if (model.startsWith("knn")) {
                int kk = Integer.parseInt(model.substring(3, model.contains(":") ? model.indexOf(':') : model.length()));
                for (int r : test) oof[r] = KnnScorer.score(emb[r], emb, train, y, kk);
                continue;
            }
            Standardizer s = Standardizer.fit(x, train);
            double[][] xtr = s.apply(x, train), xte = s.apply(x, test);
            double[] ytr = new double[train.length];
            for (int i = 0; i < train.length; i++) ytr[i] = y[train[i]];
            if (model.startsWith("stumps")) {
                int rounds = Integer.parseInt(model.substring(6, model.indexOf(':')));
                BoostedStumps b = BoostedStumps.fit(xtr, ytr, rounds, 0.1, 32);
                for (int i = 0; i < test.length; i++) oof[test[i]] = b.logit(xte[i]);
                continue;
            }
            List<DenseLayer> net = NetworkTrainer.train(xtr, ytr, config(model));
            for (int i = 0; i < test.length; i++) oof[test[i]] = forward(net, xte[i]);
        }
        return oof;
    }

    /** The spec without its label suffix: "lr:both@gain" → "lr:both". */
    static String modelPart(String spec) {
        int at = spec.indexOf('@');
        return at < 0 ? spec : spec.substring(0, at);
    }

    /**
     * Training targets in [0, 1] for a spec's label suffix: none → local wrong; {@code @gain} → cloud right and local
     * wrong (the only prompts where the cloud recovers quality); {@code @delta} → (cloud − local + 1) / 2, the
     * expected quality gain of the cloud mapped to [0, 1] (a prompt only the local model gets right counts against).
     */
    static double[] labels(String spec, List<RoutingExample> ex) {
        int at = spec.indexOf('@');
        String label = at < 0 ? "" : spec.substring(at + 1);
        double[] y = new double[ex.size()];
        for (int i = 0; i < y.length; i++) {
            RoutingExample e = ex.get(i);
            double local = e.localCorrect() ? 1 : 0, cloud = e.cloudCorrect() ? 1 : 0;
            y[i] = switch (label) {
                case "" -> 1 - local;
                case "gain" -> cloud * (1 - local);
                case "delta" -> (cloud - local + 1) / 2;
                default -> throw new IllegalArgumentException("label must be @gain or @delta, got @" + label);
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
        boolean[] l = new boolean[count], c = new boolean[count];
        int j = 0;
        for (int i = 0; i < ex.size(); i++) {
            if (fold == null || fold[i] == f) {
                s[j] = scores[i];
                l[j] = ex.get(i).localCorrect();
                c[j++] = ex.get(i).cloudCorrect();
            }
        }
        return RoutingMetrics.evaluate(s, l, c);
    }
}
