package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtException;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.model.OnnxProtos;
import io.edgerouter.engine.quant.NBitsGraph.ZeroPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What ONNX Runtime 1.29's CPU MatMulNBits computes, checked against {@link Linear.Blocked#dequantize()} and a
 * plain-Java matmul on random blocks (every byte random, padding past K included, scales of both signs).
 */
class MatMulNBitsContractTest {

    /** fp32 accumulation error bound relative to Σ|a·w| (measured ≤ 3e-7). */
    private static final double FP32 = 1e-5;

    static Stream<Arguments> shapes() {
        List<Arguments> cases = new ArrayList<>();
        for (int bits : new int[] {4, 8}) {
            for (boolean zp : new boolean[] {false, true}) {
                for (int k : new int[] {172, 64, 896, 4864, 80}) {
                    for (int[] nm : new int[][] {{1, 1}, {1, 7}, {37, 1}, {37, 7}, {300, 7}}) {
                        cases.add(Arguments.of(bits, zp, k, nm[0], nm[1]));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "bits={0} zeroPoints={1} K={2} N={3} M={4}")
    @MethodSource("shapes")
    void theCanonicalFormEqualsATimesTheDequantizedWeightsTransposed(int bits, boolean zp, int k, int n, int m)
            throws OrtException {
        Random rng = new Random(31L * k + n + m + bits + (zp ? 7 : 0));
        Linear.Blocked w = RandomBlocks.of(rng, n, k, bits, 32, zp);
        float[] a = RandomBlocks.gaussian(rng, m, k);
        NBitsGraph form = zp ? NBitsGraph.CANONICAL : NBitsGraph.CANONICAL.with(ZeroPoints.NONE);
        assertClose(form.run(w, a, m, null, null), a, m, w.dequantize(), w, FP32);
    }

    @ParameterizedTest(name = "bits={0}")
    @ValueSource(ints = {4, 8})
    void accuracyLevel4QuantizesTheActivationsToInt8AndStaysWithinTheirRoundingError(int bits)
            throws OrtException {
        Random rng = new Random(bits);
        Linear.Blocked w = RandomBlocks.of(rng, 64, 896, bits, 32, true);
        float[] a = RandomBlocks.gaussian(rng, 7, 896);
        NBitsGraph level4 = new NBitsGraph(false, ZeroPoints.PACKED, false, 4, false);
        float[] y = level4.run(w, a, 7, null, null);
        assertClose(y, a, 7, w.dequantize(), w, 2e-2); // int8 A: measured ≤ 5e-3
        assertThat(maxRelativeError(y, a, 7, w.dequantize(), w)).as("not the fp32 result").isGreaterThan(FP32);
    }

    @ParameterizedTest(name = "bits={0}")
    @ValueSource(ints = {4, 8})
    void twoDimensionalScalesAndZeroPointsGiveTheSameResultAsTheFlatOnes(int bits) throws OrtException {
        Random rng = new Random(5);
        Linear.Blocked w = RandomBlocks.of(rng, 37, 172, bits, 32, true);
        float[] a = RandomBlocks.gaussian(rng, 7, 172);
        float[] flat = NBitsGraph.CANONICAL.run(w, a, 7, null, null);
        NBitsGraph twoD = new NBitsGraph(true, ZeroPoints.PACKED_2D, false, 0, false);
        assertThat(twoD.run(w, a, 7, null, null)).containsExactly(flat);
    }

    @Test
    void weightsFlattenedToTwoDimensionsAreRejectedWhenTheSessionIsCreated() {
        Linear.Blocked w = RandomBlocks.of(new Random(6), 37, 80, 4, 32, false);
        NBitsGraph flatB = new NBitsGraph(false, ZeroPoints.NONE, true, 0, false);
        assertThatThrownBy(() -> flatB.run(w, new float[80], 1, null, null)).isInstanceOf(OrtException.class)
                .hasMessageContaining("B initializer shape {37,48} does not match attribute-derived shape [37,3,16]");
    }

    @Test
    void paddingBytesPastKAreIgnored() throws OrtException {
        Random rng = new Random(8);
        Linear.Blocked w = RandomBlocks.of(rng, 5, 80, 4, 32, true);
        byte[] cleared = w.packed().clone();
        for (int r = 0; r < 5; r++) {
            for (int i = 8; i < 16; i++) { // block 2 holds columns 64..79 in bytes 0..7, padding in 8..15
                cleared[r * 48 + 32 + i] = 0;
            }
        }
        Linear.Blocked clean = new Linear.Blocked(5, 80, 4, 32, cleared, w.scales(), w.zeroPoints());
        float[] a = RandomBlocks.gaussian(rng, 3, 80);
        assertThat(NBitsGraph.CANONICAL.run(clean, a, 3, null, null))
                .containsExactly(NBitsGraph.CANONICAL.run(w, a, 3, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floatZeroPointForms")
    void fourBitFloatZeroPointsAreSubtractedUnroundedInEitherShape(ZeroPoints form) throws OrtException {
        Random rng = new Random(9);
        Linear.Blocked w = RandomBlocks.of(rng, 37, 172, 4, 32, false);
        float[] zero = fractionalZeroPoints(rng, 37 * 6);
        float[] a = RandomBlocks.gaussian(rng, 7, 172);
        float[] y = NBitsGraph.CANONICAL.with(form).run(w, a, 7, zero, null);
        assertClose(y, a, 7, withFloatZeroPoints(w, zero), w, FP32);
    }

    static Stream<ZeroPoints> floatZeroPointForms() {
        return Stream.of(ZeroPoints.FLOAT, ZeroPoints.FLOAT_2D);
    }

    @Test
    void eightBitFloatZeroPointsFailAtRunTimeInTheUnpackedFallback() {
        Random rng = new Random(10);
        Linear.Blocked w = RandomBlocks.of(rng, 37, 80, 8, 32, false);
        float[] zero = fractionalZeroPoints(rng, 37 * 3);
        NBitsGraph floatZero = NBitsGraph.CANONICAL.with(ZeroPoints.FLOAT);
        assertThatThrownBy(() -> floatZero.run(w, new float[80], 1, zero, null)).isInstanceOf(OrtException.class)
                .hasMessageContaining("Only 2b and 4b quantization is supported for unpacked compute");
    }

    @Test
    void theBiasInputIsAddedToEveryRow() throws OrtException {
        Random rng = new Random(11);
        Linear.Blocked w = RandomBlocks.of(rng, 37, 172, 8, 32, true);
        float[] a = RandomBlocks.gaussian(rng, 7, 172);
        float[] bias = RandomBlocks.gaussian(rng, 1, 37);
        float[] plain = NBitsGraph.CANONICAL.run(w, a, 7, null, null);
        float[] biased = new NBitsGraph(false, ZeroPoints.PACKED, false, 0, true).run(w, a, 7, null, bias);
        for (int i = 0; i < plain.length; i++) {
            assertThat((double) biased[i]).isCloseTo(plain[i] + bias[i % 37], org.assertj.core.api.Assertions
                    .within(1e-5 * (Math.abs(plain[i]) + Math.abs(bias[i % 37]) + 1)));
        }
    }

    @ParameterizedTest(name = "bits={0}")
    @ValueSource(ints = {4, 8})
    void theHelpersForGraphWritersBuildARunnableNodeWithBias(int bits) throws OrtException {
        Random rng = new Random(12);
        Linear.Blocked w = RandomBlocks.of(rng, 37, 172, bits, 32, true);
        float[] a = RandomBlocks.gaussian(rng, 7, 172);
        float[] bias = RandomBlocks.gaussian(rng, 1, 37);
        MatMulNBits.Inputs in = MatMulNBits.Inputs.named("A", "layer.q", w, "bias");
        assertThat(in.weight()).isEqualTo("layer.q_Q" + bits);
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("helpers")
                .addInput(OnnxProtos.valueInfo("A", OnnxMl.TensorProto.DataType.FLOAT_VALUE, "m", 172))
                .addOutput(OnnxProtos.valueInfo("Y", OnnxMl.TensorProto.DataType.FLOAT_VALUE, "m", 37))
                .addAllInitializer(MatMulNBits.initializers(w, in))
                .addInitializer(MatMulNBits.tensor("bias", OnnxMl.TensorProto.DataType.FLOAT_VALUE,
                        new long[] {37}, MatMulNBits.floatBytes(bias)))
                .addNode(MatMulNBits.node("q", in, "Y", 172, 37, bits, 32, 0)).build();
        byte[] model = OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(MatMulNBits.opsetImport()).setGraph(g).build().toByteArray();
        float[] y = NBitsGraph.run(model, a, 7, 172);
        double[] expected = RandomBlocks.matmulTransposed(a, 7, w.dequantize(), 37, 172);
        double[] magnitude = RandomBlocks.magnitude(a, 7, w.dequantize(), 37, 172);
        for (int i = 0; i < y.length; i++) {
            assertThat(Math.abs(y[i] - expected[i] - bias[i % 37])).isLessThanOrEqualTo(FP32 * (magnitude[i] + 1));
        }
    }

    private static float[] fractionalZeroPoints(Random rng, int count) {
        float[] zero = new float[count];
        for (int i = 0; i < count; i++) {
            zero[i] = 15 * rng.nextFloat();
        }
        return zero;
    }

    /** scale · (q − z) with the float zero points z, from q read back through the default zero point 8. */
    private static float[] withFloatZeroPoints(Linear.Blocked w, float[] zero) {
        float[] values = w.dequantize(); // scale · (q − 8)
        int blocks = Linear.Blocked.blocks(w.cols(), w.blockSize());
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                int b = r * blocks + c / w.blockSize();
                values[r * w.cols() + c] += w.scales()[b] * (8 - zero[b]);
            }
        }
        return values;
    }

    private static void assertClose(float[] y, float[] a, int m, float[] weights, Linear.Blocked w, double tol) {
        assertThat(y).hasSize(m * w.rows());
        assertThat(maxRelativeError(y, a, m, weights, w)).isLessThanOrEqualTo(tol);
    }

    /** max over outputs of |y − A·Wᵀ| / Σ|a·w|. */
    private static double maxRelativeError(float[] y, float[] a, int m, float[] weights, Linear.Blocked w) {
        double[] expected = RandomBlocks.matmulTransposed(a, m, weights, w.rows(), w.cols());
        double[] magnitude = RandomBlocks.magnitude(a, m, weights, w.rows(), w.cols());
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - expected[i]) / (magnitude[i] + 1e-30));
        }
        return worst;
    }
}
