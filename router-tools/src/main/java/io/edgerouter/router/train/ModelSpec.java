package io.edgerouter.router.train;

/**
 * A candidate model as named on the command line: {@code MODEL[@LABEL][+lenW][~bal][~feB]}.
 * <ul>
 *   <li>MODEL: random, length, lr:SET, lr_L2:SET, ridgeL:SET (ridge regression with penalty L, closed form), mlpH:SET,
 *       mlpH_EPOCHS_L2:SET, knnK, stumpsR:SET (SET = lex | emb | both);</li>
 *   <li>@gain / @delta: training label (see {@link CrossValidation#labels}); none = local answer wrong;</li>
 *   <li>+lenW: blend with the length heuristic — the logit, scaled to unit standard deviation on the training rows, is
 *       mixed (1 − W, W) with the standardised log-length feature; for a linear model this is a weight on
 *       {@code log_chars}, so the result ships as an ordinary dense layer;</li>
 *   <li>~bal: family-balanced sample weights (each training family of {@link Families} counts the same in total),
 *       so the largest families do not decide the fit alone;</li>
 *   <li>~feB (ridge only): blend weight B of the within-subject fit ({@link RidgeTrainer}).</li>
 * </ul>
 */
record ModelSpec(String model, String label, double lengthBlend, boolean balanced, double within) {

    ModelSpec {
        if (!(within >= 0 && within <= 1)) {
            throw new IllegalArgumentException("~fe weight must be in [0, 1], got " + within);
        }
        if (within > 0 && !model.startsWith("ridge")) {
            throw new IllegalArgumentException("~fe needs a ridge model, got " + model);
        }
        if (!(lengthBlend >= 0 && lengthBlend <= 1)) {
            throw new IllegalArgumentException("+len weight must be in [0, 1], got " + lengthBlend);
        }
    }

    /** Parses {@code MODEL[@LABEL][+lenW][~bal][~feB]} (suffixes in this order). */
    static ModelSpec parse(String spec) {
        String[] s = {spec};
        double within = numberAfter(s, "~fe");
        boolean balanced = s[0].endsWith("~bal");
        if (balanced) s[0] = s[0].substring(0, s[0].length() - 4);
        double blend = numberAfter(s, "+len");
        String rest = s[0];
        int at = rest.indexOf('@');
        String label = at < 0 ? "" : rest.substring(at + 1);
        String model = at < 0 ? rest : rest.substring(0, at);
        return new ModelSpec(model, label, blend, balanced, within);
    }

    /** The number after {@code marker} in {@code spec[0]} (0 when absent); cuts the marker and number off spec[0]. */
    private static double numberAfter(String[] spec, String marker) {
        int i = spec[0].indexOf(marker);
        if (i < 0) return 0;
        double v = Double.parseDouble(spec[0].substring(i + marker.length()));
        spec[0] = spec[0].substring(0, i);
        return v;
    }

    /** The label part as {@link CrossValidation#labels} reads it: "" or "@gain" / "@delta". */
    String labelSuffix() {
        return label.isEmpty() ? "" : "@" + label;
    }
}
