package io.edgerouter.router.scorer;

import java.util.Objects;

/**
 * y = activation(W x + b). {@code weights} is row-major (outputs, inputs): weights[o * inputs + i].
 * Validated on construction: shapes agree and every number is finite.
 */
public record DenseLayer(int inputs, int outputs, float[] weights, float[] bias, Activation activation) {

    public DenseLayer {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(activation, "activation");
        if (inputs < 1 || outputs < 1) {
            throw new WeightsFormatException("layer shape must be positive, got (" + outputs + ", " + inputs + ")");
        }
        if (weights.length != (long) inputs * outputs) {
            throw new WeightsFormatException("layer weights hold " + weights.length + " numbers, shape (" + outputs
                    + ", " + inputs + ") needs " + (long) inputs * outputs);
        }
        if (bias.length != outputs) {
            throw new WeightsFormatException("layer bias holds " + bias.length + " numbers, expected " + outputs);
        }
        WeightsFormatException.requireFinite("layer weights", weights);
        WeightsFormatException.requireFinite("layer bias", bias);
    }

    /** @param x (inputs) @return (outputs) */
    public double[] forward(double[] x) {
        double[] y = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            double s = bias[o];
            int row = o * inputs;
            for (int i = 0; i < inputs; i++) {
                s += weights[row + i] * x[i];
            }
            y[o] = activation.apply(s);
        }
        return y;
    }
}
