package io.edgerouter.router;

import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFormatException;

/**
 * The score distribution a model was trained with, stored in its weights metadata as {@code score_quantiles}
 * (comma-separated, increasing): the reference for target-share thresholds until live traffic replaces it.
 */
final class ShippedQuantiles {

    private ShippedQuantiles() {
    }

    static ScoreQuantiles of(ScoringModel model) {
        String csv = model.metadata().get("score_quantiles");
        if (csv == null || csv.isBlank()) {
            throw new WeightsFormatException("weights " + model.version() + " lack metadata.score_quantiles");
        }
        String[] parts = csv.split(",");
        double[] q = new double[parts.length];
        try {
            for (int i = 0; i < q.length; i++) q[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            throw new WeightsFormatException("metadata.score_quantiles holds a non-number: " + e.getMessage(), e);
        }
        for (double v : q) {
            if (!(v >= 0 && v <= 1)) {
                throw new WeightsFormatException("metadata.score_quantiles value " + v + " is outside [0, 1]");
            }
        }
        return new ScoreQuantiles(q);
    }
}
