package io.edgerouter.engine.quant;

import ai.onnxruntime.OrtException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.quant.WeightQuantizer.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightQuantizerTest {

    @ParameterizedTest(name = "int{0} {1}")
    @CsvSource({"4, SYMMETRIC", "8, SYMMETRIC", "4, ASYMMETRIC", "8, ASYMMETRIC"})
    void everyElementIsWithinHalfAStepOfItsBlocksGrid(int bits, Scheme scheme) {
        for (Linear.Dense w : new Linear.Dense[] {TestWeights.gaussian(1, 40, 172, 0.02),
                TestWeights.studentT3(2, 40, 172, 0.02), TestWeights.shifted(3, 40, 172)}) {
            Linear.Blocked q = new WeightQuantizer(bits, 32, scheme).quantize(w);
            assertThat(maxErrorInSteps(w, q)).isLessThanOrEqualTo(0.5 + 1e-5);
        }
    }

    @ParameterizedTest(name = "int{0}")
    @CsvSource({"4", "8"})
    void fullRangeSymmetricClipsTheOppositeExtremeByAtMostOneStep(int bits) {
        Linear.Dense w = TestWeights.gaussian(4, 40, 172, 0.02);
        Linear.Blocked q = new WeightQuantizer(bits, 32, Scheme.SYMMETRIC_FULL_RANGE).quantize(w);
        assertThat(maxErrorInSteps(w, q)).isGreaterThan(0.5).isLessThanOrEqualTo(1 + 1e-5);
    }

    @Test
    void fourBitSymmetricPacksTheEvenColumnIntoTheLowNibbleAndPadsWithTheZeroPoint() {
        float[] row = new float[20]; // block 0: q = 1..15, 8; block 1: q = 15, 1, 8, 10 then 12 padding columns
        for (int i = 0; i < 15; i++) {
            row[i] = 0.5f * (i + 1 - 8);
        }
        row[15] = 0;
        row[16] = 3.5f;
        row[17] = -3.5f;
        row[18] = 0;
        row[19] = 1;
        Linear.Blocked q = new WeightQuantizer(4, 16, Scheme.SYMMETRIC).quantize(new Linear.Dense(1, 20, row));
        assertThat(q.packed()).containsExactly(bytes(0x21, 0x43, 0x65, 0x87, 0xA9, 0xCB, 0xED, 0x8F,
                0x1F, 0xA8, 0x88, 0x88, 0x88, 0x88, 0x88, 0x88));
        assertThat(q.scales()).containsExactly(0.5f, 0.5f);
        assertThat(q.zeroPoints()).isNull();
        assertThat(q.dequantize()).as("values on the grid come back exactly").containsExactly(row);
    }

    @Test
    void eightBitAsymmetricStoresOneByteAValueAndOneZeroPointByteABlock() {
        float s = 1f / 64;
        float[] row = new float[40]; // blocks of 16: zero points 64, 0, 255; the last block has 8 padding columns
        fill(row, 0, 16, 0);
        row[0] = -64 * s;
        row[1] = 191 * s;
        row[3] = 36 * s;
        fill(row, 16, 32, 0);
        row[17] = 255 * s;
        row[18] = 10 * s;
        fill(row, 32, 40, -128 * s);
        row[32] = -255 * s;
        row[33] = 0;
        row[34] = -s;
        Linear.Blocked q = new WeightQuantizer(8, 16, Scheme.ASYMMETRIC).quantize(new Linear.Dense(1, 40, row));
        byte[] expected = new byte[48];
        fill(expected, 0, 16, 64);
        expected[0] = 0;
        expected[1] = (byte) 255;
        expected[3] = 100;
        expected[17] = (byte) 255;
        expected[18] = 10;
        fill(expected, 32, 48, 127);
        expected[32] = 0;
        expected[33] = (byte) 255;
        expected[34] = (byte) 254;
        fill(expected, 40, 48, 255); // padding holds block 2's zero point
        assertThat(q.packed()).containsExactly(expected);
        assertThat(q.zeroPoints()).containsExactly(bytes(64, 0, 255));
        assertThat(q.scales()).containsExactly(s, s, s);
        assertThat(q.dequantize()).containsExactly(row);
    }

    @Test
    void fourBitAsymmetricZeroPointsPackTwoBlocksAByteLowNibbleFirst() {
        float[] row = new float[48]; // scale 0.25 everywhere; zero points 3, 15, 0
        row[0] = -0.75f;
        row[1] = 3f;
        row[16] = -3.75f;
        row[32] = 3.75f;
        row[33] = 0.25f;
        Linear.Blocked q = new WeightQuantizer(4, 16, Scheme.ASYMMETRIC).quantize(new Linear.Dense(1, 48, row));
        assertThat(q.zeroPoints()).containsExactly(bytes(0xF3, 0x00));
        assertThat(q.scales()).containsExactly(0.25f, 0.25f, 0.25f);
        assertThat(q.packed()[0]).isEqualTo((byte) 0xF0); // q = 0 (−0.75) low, 15 (3.0) high
        assertThat(q.packed()[8]).isEqualTo((byte) 0xF0); // block 1: q = 0 (−3.75) low, 15 (0) high
        assertThat(q.packed()[16]).isEqualTo((byte) 0x1F); // block 2: q = 15 (3.75) low, 1 (0.25) high
        assertThat(q.dequantize()).containsExactly(row);
    }

    @ParameterizedTest(name = "int{0} {1}")
    @CsvSource({"4, SYMMETRIC", "8, SYMMETRIC_FULL_RANGE", "4, ASYMMETRIC", "8, ASYMMETRIC"})
    void allZeroBlocksGetScaleZeroAndDequantizeToZero(int bits, Scheme scheme) {
        Linear.Dense w = TestWeights.gaussian(5, 3, 96, 1);
        fill(w.values(), 96 + 32, 96 + 64, 0); // row 1, block 1
        Linear.Blocked q = new WeightQuantizer(bits, 32, scheme).quantize(w);
        assertThat(q.scales()[4]).isZero();
        float[] back = q.dequantize();
        for (int c = 32; c < 64; c++) {
            assertThat(back[96 + c]).isZero();
        }
        assertThat(maxErrorInSteps(w, q)).isLessThanOrEqualTo(1 + 1e-5);
    }

    @Test
    void nonFiniteWeightsAreRejectedNamingTheElement() {
        float[] v = new float[64];
        v[37] = Float.NaN;
        assertThatThrownBy(() -> WeightQuantizer.int4(32).quantize(new Linear.Dense(1, 64, v)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("element 37 is NaN");
    }

    @Test
    void bitsAndBlockSizesOutsideMatMulNBitsLimitsAreRejected() {
        assertThatThrownBy(() -> WeightQuantizer.int4(24)).hasMessageContaining("power of two ≥ 16, got 24");
        assertThatThrownBy(() -> WeightQuantizer.int8(8)).hasMessageContaining("got 8");
        assertThatThrownBy(() -> new WeightQuantizer(3, 32, Scheme.SYMMETRIC)).hasMessageContaining("4 or 8");
    }

    @ParameterizedTest(name = "int{0} {1}")
    @CsvSource({"4, SYMMETRIC", "8, SYMMETRIC", "4, ASYMMETRIC", "8, ASYMMETRIC", "4, SYMMETRIC_FULL_RANGE"})
    void quantizedBlocksRunInOnnxRuntimeAndMatchTheirDequantizedProduct(int bits, Scheme scheme)
            throws OrtException {
        Random rng = new Random(6);
        Linear.Dense w = TestWeights.studentT3(7, 50, 172, 0.05);
        Linear.Blocked q = new WeightQuantizer(bits, 32, scheme).quantize(w);
        float[] a = RandomBlocks.gaussian(rng, 3, 172);
        NBitsGraph form = NBitsGraph.CANONICAL.with(q.zeroPoints() == null ? NBitsGraph.ZeroPoints.NONE
                : NBitsGraph.ZeroPoints.PACKED);
        float[] y = form.run(q, a, 3, null, null);
        double[] expected = RandomBlocks.matmulTransposed(a, 3, q.dequantize(), 50, 172);
        double[] magnitude = RandomBlocks.magnitude(a, 3, q.dequantize(), 50, 172);
        for (int i = 0; i < y.length; i++) {
            assertThat(Math.abs(y[i] - expected[i])).isLessThanOrEqualTo(1e-5 * magnitude[i]);
        }
    }

    /** max over elements of |x̂ − x| / |scale of its block|. */
    private static double maxErrorInSteps(Linear.Dense w, Linear.Blocked q) {
        float[] back = q.dequantize();
        int blocks = Linear.Blocked.blocks(w.cols(), q.blockSize());
        double worst = 0;
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                int i = r * w.cols() + c;
                float scale = Math.abs(q.scales()[r * blocks + c / q.blockSize()]);
                double e = Math.abs((double) back[i] - w.values()[i]);
                worst = Math.max(worst, scale == 0 ? (e == 0 ? 0 : Double.POSITIVE_INFINITY) : e / scale);
            }
        }
        return worst;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void fill(float[] a, int from, int to, float v) {
        java.util.Arrays.fill(a, from, to, v);
    }

    private static void fill(byte[] a, int from, int to, int v) {
        java.util.Arrays.fill(a, from, to, (byte) v);
    }
}
