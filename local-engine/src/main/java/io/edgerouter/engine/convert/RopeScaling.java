package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a model stretches its rotary frequencies past the context it was first trained for: frequency i of the
 * ropeDims/2 (θ^(−2i/ropeDims)) is divided by {@link #divisors}[i], so that position p turns pair i by
 * p · θ^(−2i/ropeDims) / divisor. A divisor of 1 leaves a frequency as it was.
 *
 * @param kind                  which rule makes the divisors
 * @param factor                LINEAR: every divisor; LLAMA3: the divisor of the lowest frequencies; else 1
 * @param lowFreqFactor         LLAMA3: frequencies whose wavelength exceeds originalContextLength / lowFreqFactor are
 *                              divided by factor; else 0
 * @param highFreqFactor        LLAMA3: those whose wavelength is below originalContextLength / highFreqFactor are kept;
 *                              the ones between are interpolated; else 0
 * @param originalContextLength LLAMA3: the context length before the extension; else 0
 * @param frequencyDivisors     FREQUENCY_DIVISORS: the divisors as given (ropeDims/2 of them); else null
 */
public record RopeScaling(Kind kind, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalContextLength, float[] frequencyDivisors) {

    /** The rules. */
    public enum Kind {
        /** Every divisor 1. */
        NONE,
        /** Positions interpolated: every frequency divided by {@code factor} (HF {@code rope_type} linear). */
        LINEAR,
        /** Llama 3.1's wavelength-dependent divisors (HF {@code rope_type} llama3). */
        LLAMA3,
        /** Divisors given one per frequency (GGUF {@code rope_freqs.weight}, as llama.cpp stores Llama 3.1+'s). */
        FREQUENCY_DIVISORS
    }

    private static final RopeScaling NONE = new RopeScaling(Kind.NONE, 1, 0, 0, 0, null);

    public RopeScaling {
        Objects.requireNonNull(kind, "kind");
        if (!(factor > 0) || Double.isInfinite(factor) || (kind == Kind.LLAMA3 && factor < 1)) {
            throw new ModelLoadException("rope scaling factor " + factor + " must be positive and finite"
                    + (kind == Kind.LLAMA3 ? " and at least 1 for llama3" : ""));
        }
        if (kind == Kind.LLAMA3 && !(lowFreqFactor > 0 && highFreqFactor > lowFreqFactor
                && Double.isFinite(highFreqFactor) && originalContextLength > 0)) {
            throw new ModelLoadException("llama3 rope scaling needs 0 < low_freq_factor < high_freq_factor and a"
                    + " positive original context length, got low " + lowFreqFactor + ", high " + highFreqFactor
                    + ", original context " + originalContextLength);
        }
        if ((kind == Kind.FREQUENCY_DIVISORS) != (frequencyDivisors != null)) {
            throw new IllegalArgumentException("frequency divisors are given exactly for FREQUENCY_DIVISORS, got "
                    + kind + " with " + (frequencyDivisors == null ? "none" : frequencyDivisors.length));
        }
        if (frequencyDivisors != null) {
            frequencyDivisors = frequencyDivisors.clone();
            for (int i = 0; i < frequencyDivisors.length; i++) {
                if (!(frequencyDivisors[i] > 0) || Float.isInfinite(frequencyDivisors[i])) {
                    throw new ModelLoadException("rotary frequency divisor " + i + " is " + frequencyDivisors[i]
                            + ", expected a positive finite number");
                }
            }
        }
    }

    /** No scaling. */
    public static RopeScaling none() {
        return NONE;
    }

    /** Every frequency divided by {@code factor}. */
    public static RopeScaling linear(double factor) {
        return new RopeScaling(Kind.LINEAR, factor, 0, 0, 0, null);
    }

    /** Llama 3.1's rule with its four parameters (Meta's: 8 or 32, 1, 4, 8192). */
    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor,
                                     int originalContextLength) {
        return new RopeScaling(Kind.LLAMA3, factor, lowFreqFactor, highFreqFactor, originalContextLength, null);
    }

    /** One divisor per rotary frequency, as given. */
    public static RopeScaling ofDivisors(float[] divisors) {
        return new RopeScaling(Kind.FREQUENCY_DIVISORS, 1, 0, 0, 0, divisors);
    }

    @Override
    public float[] frequencyDivisors() {
        return frequencyDivisors == null ? null : frequencyDivisors.clone();
    }

    /**
     * The divisor of each of the ropeDims/2 frequencies θ^(−2i/ropeDims). LLAMA3, with wavelength λ = 2π / frequency
     * and L the original context: 1 where λ &lt; L / highFreqFactor, factor where λ &gt; L / lowFreqFactor, and between
     * them 1 / ((1 − s) / factor + s) with s = (L / λ − lowFreqFactor) / (highFreqFactor − lowFreqFactor), so that the
     * divided frequency runs smoothly from frequency / factor to the frequency itself.
     *
     * @throws ModelLoadException when given divisors are not ropeDims/2
     */
    public double[] divisors(double theta, int ropeDims) {
        double[] out = new double[ropeDims / 2]; // (ropeDims/2)
        if (kind == Kind.FREQUENCY_DIVISORS && frequencyDivisors.length != out.length) {
            throw new ModelLoadException(frequencyDivisors.length + " rotary frequency divisors for " + ropeDims
                    + " rotary dimensions, expected " + out.length);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (kind) {
                case NONE -> 1;
                case LINEAR -> factor;
                case FREQUENCY_DIVISORS -> frequencyDivisors[i];
                case LLAMA3 -> llama3Divisor(2 * Math.PI / Math.pow(theta, -2.0 * i / ropeDims));
            };
        }
        return out;
    }

    private double llama3Divisor(double wavelength) {
        if (wavelength < originalContextLength / highFreqFactor) {
            return 1;
        }
        if (wavelength > originalContextLength / lowFreqFactor) {
            return factor;
        }
        double s = (originalContextLength / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        return 1 / ((1 - s) / factor + s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RopeScaling r && kind == r.kind && factor == r.factor && lowFreqFactor == r.lowFreqFactor
                && highFreqFactor == r.highFreqFactor && originalContextLength == r.originalContextLength
                && Arrays.equals(frequencyDivisors, r.frequencyDivisors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, factor, lowFreqFactor, highFreqFactor, originalContextLength)
                + 31 * Arrays.hashCode(frequencyDivisors);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case LINEAR -> "linear(factor " + factor + ")";
            case LLAMA3 -> "llama3(factor " + factor + ", low " + lowFreqFactor + ", high " + highFreqFactor
                    + ", original context " + originalContextLength + ")";
            case FREQUENCY_DIVISORS -> "divisors" + Arrays.toString(frequencyDivisors);
        };
    }
}
