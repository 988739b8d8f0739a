package io.edgerouter.router.train;

import io.edgerouter.router.feature.LexicalFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a text feature says the same thing in every task family: for each lexical feature, its Pearson correlation
 * with the cloud gain ({@code @many} target: the many-model gain where the data has one, else the pair's) within each
 * family ({@link Families}), and in how many families that correlation is clearly positive or clearly negative
 * (|r| > {@link #CLEAR}). A feature a router could lean on in a family it never saw would point the same way in most
 * families. <pre>FeatureConsistencyCommand --data DIR</pre> Ends with
 * {@code consistent_features=K of=N min_share=S} (features whose clear correlations share one sign in at least
 * {@link #MIN_SHARE} of the families).
 */
public final class FeatureConsistencyCommand {

    /** Correlations smaller than this count as neither sign. */
    static final double CLEAR = 0.02;
    /** Share of families that must agree for a feature to count as consistent. */
    static final double MIN_SHARE = 0.75;

    private FeatureConsistencyCommand() {
    }

    /** One feature's within-family correlations. */
    public record Row(String feature, double[] correlations) {

        public long positive() {
            return Arrays.stream(correlations).filter(r -> r > CLEAR).count();
        }

        public long negative() {
            return Arrays.stream(correlations).filter(r -> r < -CLEAR).count();
        }

        public double medianAbs() {
            double[] a = Arrays.stream(correlations).map(Math::abs).sorted().toArray();
            return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        }

        /** Whether one sign holds in at least {@link #MIN_SHARE} of all families. */
        public boolean consistent() {
            return Math.max(positive(), negative()) >= MIN_SHARE * correlations.length;
        }
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("--data")) {
            throw new IllegalArgumentException("usage: FeatureConsistencyCommand --data DIR");
        }
        List<RoutingExample> ex = RoutingDataset.loadClean(Path.of(args[1]));
        List<Row> rows = rows(ex);
        System.out.printf(Locale.ROOT, "| feature | families r > +%.2f | r < -%.2f | median abs r | consistent |%n", CLEAR, CLEAR);
        System.out.println("|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %s |%n", r.feature(), r.positive(), r.negative(),
                    r.medianAbs(), r.consistent() ? "yes" : "no");
        }
        System.out.printf(Locale.ROOT, "consistent_features=%d of=%d min_share=%.2f%n",
                rows.stream().filter(Row::consistent).count(), rows.size(), MIN_SHARE);
    }

    /** A row per lexical feature, correlations in the order of the sorted family names. */
    public static List<Row> rows(List<RoutingExample> ex) {
        List<String> family = ex.stream().map(e -> Families.of(e.group())).toList();
        List<String> names = family.stream().distinct().sorted().toList();
        double[] y = CrossValidation.labels("x@many", ex);
        float[][] x = new float[ex.size()][];
        for (int i = 0; i < x.length; i++) x[i] = LexicalFeatures.extract(ex.get(i).prompt());
        List<Row> out = new ArrayList<>();
        for (int j = 0; j < LexicalFeatures.DIMENSION; j++) {
            double[] r = new double[names.size()];
            for (int f = 0; f < names.size(); f++) {
                List<Integer> rowsOf = new ArrayList<>();
                for (int i = 0; i < x.length; i++) if (family.get(i).equals(names.get(f))) rowsOf.add(i);
                r[f] = pearson(rowsOf, x, j, y);
            }
            out.add(new Row(LexicalFeatures.NAMES.get(j), r));
        }
        return out;
    }

    /** Correlation of column {@code j} with {@code y} over {@code rows}; 0 when either is constant there. */
    static double pearson(List<Integer> rows, float[][] x, int j, double[] y) {
        double mx = 0, my = 0;
        for (int i : rows) {
            mx += x[i][j];
            my += y[i];
        }
        mx /= rows.size();
        my /= rows.size();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i : rows) {
            double dx = x[i][j] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
