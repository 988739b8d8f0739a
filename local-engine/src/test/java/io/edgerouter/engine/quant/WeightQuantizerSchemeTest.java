package io.edgerouter.engine.quant;

import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyWeights;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measurement behind {@link WeightQuantizer#DEFAULT_SCHEME}: reconstruction error of each scheme on seeded
 * Gaussian, heavy-tailed (Student's t, ν = 3) and off-centre matrices, the tiny model's weights and, when the shared
 * data is present, stories260K's. Prints the table it asserts on.
 */
class WeightQuantizerSchemeTest {

    @Test
    void asymmetricBlocksHaveTheLowestErrorOnSyntheticAndTinyModelWeightsAtBothWidths() {
        assertAsymmetricIsBest(syntheticAndTiny());
    }

    @Test
    void asymmetricBlocksHaveTheLowestErrorOnStories260KWeightsAtBothWidths() throws IOException {
        assertAsymmetricIsBest(TestWeights.stories260K(SharedModels.file("stories260K/stories260K.bin")));
    }

    @Test
    void theDefaultSchemeIsTheMeasuredBestAndTheFactoriesUseIt() {
        assertThat(WeightQuantizer.DEFAULT_SCHEME).isEqualTo(WeightQuantizer.Scheme.ASYMMETRIC);
        assertThat(WeightQuantizer.int4(32)).isEqualTo(new WeightQuantizer(4, 32, WeightQuantizer.Scheme.ASYMMETRIC));
        assertThat(WeightQuantizer.int8(64)).isEqualTo(new WeightQuantizer(8, 64, WeightQuantizer.Scheme.ASYMMETRIC));
    }

    private static Map<String, Linear.Dense> syntheticAndTiny() {
        Map<String, Linear.Dense> m = new LinkedHashMap<>();
        m.put("gaussian 512x896", TestWeights.gaussian(1, 512, 896, 0.02));
        m.put("student-t3 512x896", TestWeights.studentT3(2, 512, 896, 0.02));
        m.put("off-centre 512x896", TestWeights.shifted(3, 512, 896));
        TinyWeights tiny = TinyWeights.random(TinyModelSpec.small());
        m.put("tiny wq 64x64", new Linear.Dense(64, 64, tiny.layers().get(0).wq()));
        m.put("tiny w_down 128x64", new Linear.Dense(128, 64, tiny.layers().get(0).wDown()));
        return m;
    }

    private static void assertAsymmetricIsBest(Map<String, Linear.Dense> matrices) {
        for (Map.Entry<String, Linear.Dense> e : matrices.entrySet()) {
            for (int bits : new int[] {4, 8}) {
                Map<WeightQuantizer.Scheme, ReconstructionError> errors = new LinkedHashMap<>();
                for (WeightQuantizer.Scheme s : WeightQuantizer.Scheme.values()) {
                    ReconstructionError err = ReconstructionError.measure(e.getValue(),
                            new WeightQuantizer(bits, 32, s).quantize(e.getValue()));
                    errors.put(s, err);
                    System.out.printf("%-20s int%d %-20s rms/range=%.5f max/range=%.5f rms/signal=%.5f%n",
                            e.getKey(), bits, s, err.rmsOfRange(), err.maxOfRange(), err.relativeRms());
                }
                ReconstructionError asym = errors.get(WeightQuantizer.Scheme.ASYMMETRIC);
                for (WeightQuantizer.Scheme s : WeightQuantizer.Scheme.values()) {
                    if (s != WeightQuantizer.Scheme.ASYMMETRIC) {
                        assertThat(asym.rmsOfRange()).as("%s int%d asymmetric vs %s", e.getKey(), bits, s)
                                .isLessThan(errors.get(s).rmsOfRange());
                        assertThat(asym.relativeRms()).as("%s int%d asymmetric vs %s", e.getKey(), bits, s)
                                .isLessThan(errors.get(s).relativeRms());
                    }
                }
            }
        }
    }
}
