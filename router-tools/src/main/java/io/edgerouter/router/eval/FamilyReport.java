package io.edgerouter.router.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Router metrics per task family, side by side for the learned router and the length baseline, plus the summary the
 * model choice is made on:
 * <ul>
 *   <li>mean APGR over the families whose cloud model is better by at least {@link RoutingMetrics#SMALL_GAP} (on the
 *       others APGR divides by a gap near zero or below it and says nothing);</li>
 *   <li>wins over length: families where the learned router's quality area is the larger (the same ordering as APGR
 *       where the gap is positive; the only meaningful one where it is not);</li>
 *   <li>families of more than {@value #LARGE} prompts, with a cloud gap of at least
 *       {@link RoutingMetrics#SMALL_GAP}, where the learned router's APGR is below a random router's expectation
 *       (0.5). Where the cloud model is not better, "random" has no APGR to compare with; the table still shows the
 *       quality area against the random expectation there.</li>
 * </ul>
 * The random baseline is reported as its expectation: APGR 0.5, CPT(50 %) 0.5, CPT(80 %) 0.8.
 */
public final class FamilyReport {

    /** Families larger than this must never fall below random. */
    public static final int LARGE = 200;

    /** One family's comparison. */
    public record Row(String family, RoutingMetrics.Result learned, RoutingMetrics.Result length) {

        public boolean beatsLength() {
            return learned.qualityArea() > length.qualityArea();
        }

        public boolean belowRandom() {
            return learned.qualityArea() < learned.randomArea() - 1e-12;
        }
    }

    /** The summary of all rows. */
    public record Summary(double meanApgr, double meanLengthApgr, int apgrFamilies, int wins, int families,
                          List<String> largeBelowRandom) {

        /** The three conditions: mean above length, wins on 3/4 of the families, no large family below random. */
        public boolean generalises() {
            return meanApgr > meanLengthApgr && wins * 4 >= families * 3 && largeBelowRandom.isEmpty();
        }

        public String line() {
            return String.format(Locale.ROOT, "lofo_mean_apgr=%.4f length_mean_apgr=%.4f wins=%d/%d large_below_random=%d",
                    meanApgr, meanLengthApgr, wins, families, largeBelowRandom.size());
        }
    }

    private final List<Row> rows;

    private FamilyReport(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * @param family  the family of each row
     * @param learned the learned router's score of each row (for leave-one-family-out: from the model that did not
     *                see the row's family)
     * @param length  the length baseline's score of each row
     */
    public static FamilyReport of(List<String> family, double[] learned, double[] length, double[] local, double[] cloud) {
        Map<String, List<Integer>> byFamily = new java.util.TreeMap<>();
        for (int i = 0; i < family.size(); i++) {
            byFamily.computeIfAbsent(family.get(i), k -> new ArrayList<>()).add(i);
        }
        List<Row> rows = new ArrayList<>();
        byFamily.forEach((name, idx) -> rows.add(new Row(name, RoutingMetrics.evaluate(pick(learned, idx),
                pick(local, idx), pick(cloud, idx)), RoutingMetrics.evaluate(pick(length, idx), pick(local, idx),
                pick(cloud, idx)))));
        return new FamilyReport(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public Summary summary() {
        double sum = 0, sumLength = 0;
        int counted = 0, wins = 0;
        List<String> below = new ArrayList<>();
        for (Row r : rows) {
            if (!r.learned().gapIsSmall()) {
                sum += r.learned().apgr();
                sumLength += r.length().apgr();
                counted++;
            }
            if (r.beatsLength()) {
                wins++;
            }
            if (r.learned().n() > LARGE && !r.learned().gapIsSmall() && r.belowRandom()) {
                below.add(r.family());
            }
        }
        return new Summary(counted == 0 ? Double.NaN : sum / counted, counted == 0 ? Double.NaN : sumLength / counted,
                counted, wins, rows.size(), below);
    }

    /** A Markdown table: one row per family, then the summary. */
    public String table(String learnedName) {
        StringBuilder sb = new StringBuilder();
        sb.append("| family | n | local / cloud quality | ").append(learnedName)
                .append(" APGR · CPT50 · CPT80 | length APGR · CPT50 · CPT80 | random | learned > length |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            RoutingMetrics.Result l = r.learned(), n = r.length();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f / %.3f%s | %s | %s | 0.500 · 0.500 · 0.800 | %s%s |%n",
                    r.family(), l.n(), l.localAccuracy(), l.cloudAccuracy(), l.gapIsSmall() ? " (gap < "
                            + RoutingMetrics.SMALL_GAP + ")" : "", triple(l), triple(n), r.beatsLength() ? "yes" : "no",
                    r.belowRandom() ? " (below random)" : ""));
        }
        Summary s = summary();
        sb.append(String.format(Locale.ROOT, "%nmean APGR over the %d families with a cloud gap >= %.2f: learned %.4f,"
                        + " length %.4f, random 0.5000; learned beats length (quality area) on %d of %d families;"
                        + " families of > %d prompts with a cloud gap below random: %s%n", s.apgrFamilies(), RoutingMetrics.SMALL_GAP,
                s.meanApgr(), s.meanLengthApgr(), s.wins(), s.families(), LARGE,
                s.largeBelowRandom().isEmpty() ? "none" : String.join(", ", s.largeBelowRandom())));
        return sb.toString();
    }

    private static String triple(RoutingMetrics.Result r) {
        return Double.isNaN(r.apgr()) ? "n/a (no gap)"
                : String.format(Locale.ROOT, "%.3f · %.3f · %.3f", r.apgr(), r.cpt50(), r.cpt80());
    }

    private static double[] pick(double[] a, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[idx.get(i)];
        }
        return out;
    }

    /** Convenience: the per-family map of any metric. */
    public Map<String, Double> metric(Function<Row, Double> f) {
        Map<String, Double> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.family(), f.apply(r)));
        return m;
    }
}
