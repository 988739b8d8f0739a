package io.edgerouter.engine.gguf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader's fp16 table against the tests' own conversion, which the fixtures are written with. */
class GgufHalfTest {

    @Test
    void decodesEveryFp16PatternLikeTheIndependentConversion() {
        for (int h = 0; h < 1 << 16; h++) {
            float expected = Fp16.toFloat((short) h);
            assertThat(Float.floatToIntBits(Half.toFloat(h))).as("fp16 0x%04x", h)
                    .isEqualTo(Float.floatToIntBits(expected));
        }
    }

    @Test
    void testEncoderRoundTripsEveryFiniteFp16AndRoundsTiesToEven() {
        for (int h = 0; h < 1 << 16; h++) {
            if ((h & 0x7C00) != 0x7C00) {
                assertThat(Fp16.fromFloat(Fp16.toFloat((short) h)) & 0xFFFF).as("fp16 0x%04x", h).isEqualTo(h);
            }
        }
        assertThat(Fp16.fromFloat(1 + 0x1p-11f)).as("tie below an even mantissa").isEqualTo((short) 0x3C00);
        assertThat(Fp16.fromFloat(1 + 3 * 0x1p-11f)).as("tie below an odd mantissa").isEqualTo((short) 0x3C02);
        assertThat(Fp16.fromFloat(65519f)).isEqualTo((short) 0x7BFF);
        assertThat(Fp16.fromFloat(65520f)).isEqualTo((short) 0x7C00);
        assertThat(Fp16.fromFloat(0x1p-25f)).as("half the smallest subnormal, tie to 0").isEqualTo((short) 0);
        assertThat(Fp16.ceil(0.1f)).isEqualTo((short) (Fp16.fromFloat(0.1f) + 1));
    }
}
