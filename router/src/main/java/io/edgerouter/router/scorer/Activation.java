package io.edgerouter.router.scorer;

/** Element-wise non-linearity of a dense layer. The last layer of a scorer network is always IDENTITY (a logit). */
public enum Activation {
    IDENTITY, RELU, TANH;

    double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0;
            case TANH -> Math.tanh(x);
        };
    }
}
