package io.edgerouter.router.train;

/**
 * A candidate model as named on the command line: {@code MODEL[@LABEL][+lenW][~bal]}.
 * <ul>
 *   <li>MODEL: random, length, lr:SET, lr_L2:SET, mlpH:SET, mlpH_EPOCHS_L2:SET, knnK, stumpsR:SET (SET = lex | emb | both);</li>
 *   <li>@gain / @delta: training label (see {@link CrossValidation#labels}); none = local answer wrong;</li>
 *   <li>+lenW: blend with the length heuristic — the logit, scaled to unit standard deviation on the training rows, is
 *       mixed (1 − W, W) with the standardised log-length feature; for a linear model this is a weight on
 *       {@code log_chars}, so the result ships as an ordinary dense layer;</li>
 *   <li>~bal: subject-balanced sample weights (each training subject counts the same in total), so the largest
 *       subjects do not decide the fit alone;</li>
 *   <li>~feB (ridge only): blend weight B of the within-subject fit ({@link RidgeTrainer}).</li>
 * </ul>
 * MODEL ridgeL:SET is a ridge regression with penalty L (closed form) instead of a logistic regression.
 */
record ModelSpec(String model, String label, double lengthBlend, boolean balanced, double within) {

    ModelSpec(String model, String label, double lengthBlend, boolean balanced) {
        this(model, label, lengthBlend, balanced, 0);
    }

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

    static ModelSpec parse(String spec) {
        String s = spec;
        double within = 0;
        int fe = s.indexOf("~fe");
        if (fe >= 0) {
            within = Double.parseDouble(s.substring(fe + 3));
            s = s.substring(0, fe);
        }
        boolean balanced = s.endsWith("~bal");
        if (balanced) s = s.substring(0, s.length() - 4);
        double blend = 0;
        int plus = s.indexOf("+len");
        if (plus >= 0) {
            blend = Double.parseDouble(s.substring(plus + 4));
            s = s.substring(0, plus);
        }
        int at = s.indexOf('@');
        String label = at < 0 ? "" : s.substring(at + 1);
        String model = at < 0 ? s : s.substring(0, at);
        return new ModelSpec(model, label, blend, balanced, within);
    }

    /** The label part as {@link CrossValidation#labels} reads it: "" or "@gain" / "@delta". */
    String labelSuffix() {
        return label.isEmpty() ? "" : "@" + label;
    }
}
