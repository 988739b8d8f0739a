package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgerouter.router.scorer.DenseLayer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeTrainerTest {

    @Test
    void solveRecoversALinearLawWithItsIntercept() {
        Random r = new Random(1);
        double[][] x = new double[500][3];
        double[] y = new double[500];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = r.nextGaussian();
            y[i] = 2 * x[i][0] - 0.5 * x[i][2] + 3;
        }
        double[] w = RidgeTrainer.solve(x, y, 1e-6, true);
        assertThat(w[0]).isCloseTo(2, within(1e-4));
        assertThat(w[1]).isCloseTo(0, within(1e-4));
        assertThat(w[2]).isCloseTo(-0.5, within(1e-4));
        assertThat(w[3]).isCloseTo(3, within(1e-4));
    }

    /**
     * Feature 0 only says which subject a row is from (hard subjects have higher labels); feature 1 is what makes a
     * row harder than the rest of its subject. The pooled fit leans on the subject marker, the within-subject fit
     * ignores it.
     */
    @Test
    void theWithinSubjectFitIgnoresWhatOnlyTellsSubjectsApart() {
        Random r = new Random(2);
        int n = 600;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            int subject = i % 3;
            g[i] = "s" + subject;
            x[i][0] = subject + 0.01 * r.nextGaussian();
            x[i][1] = r.nextGaussian();
            y[i] = subject + 0.3 * x[i][1];
        }
        DenseLayer pooled = RidgeTrainer.fit(x, y, g, 1e-3, 0);
        DenseLayer inside = RidgeTrainer.fit(x, y, g, 1e-3, 1);
        assertThat((double) Math.abs(pooled.weights()[0])).isGreaterThan(Math.abs(pooled.weights()[1]));
        assertThat((double) Math.abs(inside.weights()[0])).isLessThan(0.05 * Math.abs(inside.weights()[1]));
        assertThat(inside.weights()[1]).isPositive();
    }
}
