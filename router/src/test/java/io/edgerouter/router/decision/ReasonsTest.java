package io.edgerouter.router.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    /** The values of x whose twoDecimals(x) differs from String.format's "%.2f", as "x: ours != theirs". */
    private static List<String> mismatches(double... xs) {
        List<String> out = new ArrayList<>();
        for (double x : xs) {
            String expected = String.format(Locale.ROOT, "%.2f", x);
            String actual = Reasons.twoDecimals(x);
            if (!actual.equals(expected)) {
                out.add(x + ": " + actual + " != " + expected);
            }
        }
        return out;
    }

    @Test
    void formatsLikeStringFormatOnAFineGridAndAtEveryHalfCent() {
        double[] grid = new double[2 * 50_000 + 1];
        for (int k = -50_000; k <= 50_000; k++) {
            grid[k + 50_000] = k / 10_000.0; // -5 … 5 in steps of 0.0001, every 0.005 boundary included
        }
        assertThat(mismatches(grid)).isEmpty();
        double[] ties = new double[3 * 4001];
        for (int k = -2000; k <= 2000; k++) {
            double half = (2 * k + 1) / 200.0; // x.xx5, where Formatter rounds its shortest decimal digits half-up
            ties[3 * (k + 2000)] = half;
            ties[3 * (k + 2000) + 1] = Math.nextUp(half);
            ties[3 * (k + 2000) + 2] = Math.nextDown(half);
        }
        assertThat(mismatches(ties)).isEmpty();
    }

    @Test
    void formatsLikeStringFormatOnRandomAndSpecialValues() {
        Random r = new Random(42);
        double[] xs = new double[100_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = switch (i % 4) {
                case 0 -> r.nextDouble();                       // thresholds and scores
                case 1 -> (r.nextDouble() - 0.5) * 20;          // entropies, negatives
                case 2 -> (r.nextDouble() - 0.5) * 4e6;         // around the fast path's 1e6 limit
                default -> Double.longBitsToDouble(r.nextLong()); // any double: NaNs, subnormals, huge
            };
        }
        assertThat(mismatches(xs)).isEmpty();
        assertThat(mismatches(0.0, -0.0, -0.001, -0.004, 0.005, 0.015, 0.125, 0.615, 1.005, 2.675, 0.995, 9.995,
                999_999.994, 999_999.995, 1e6, Math.nextDown(1e6), -1e6, 1e300, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEmpty();
    }

    @Test
    void spellsTheThresholdReasonsAsTelemetryExpectsThem() {
        assertThat(Reasons.threshold(0.7, 0.615, true)).isEqualTo("score>=0.62");
        assertThat(Reasons.threshold(0.1, 0.3, false)).isEqualTo("score<0.30");
        assertThat(Reasons.verifyBand(0.3, 0.6249)).isEqualTo("verify_band:[0.30,0.62)");
        assertThat(Reasons.escalation(2.0)).isEqualTo("escalate:entropy>=2.00");
    }
}
