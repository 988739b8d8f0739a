package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalFeaturesTest {

    private static float get(float[] f, String name) {
        return f[LexicalFeatures.NAMES.indexOf(name)];
    }

    @Test
    void countsOptionsQuestionsNegationsAndMath() {
        float[] f = LexicalFeatures.extract("Which is NOT true? Is x = 2 + 3?\nA. 5\nB. 6\nC. 7\nD. none\nAnswer:");
        assertThat(get(f, "answer_options")).isEqualTo(4f);
        assertThat(get(f, "questions")).isEqualTo(2f);
        assertThat(get(f, "negations")).isGreaterThanOrEqualTo(2f);
        assertThat(get(f, "math_frac")).isPositive();
        assertThat(get(f, "digit_frac")).isPositive();
    }

    @Test
    void readsTheShapeOfTheAnswerOptions() {
        float[] judged = LexicalFeatures.extract("Statement 1 | Every group is abelian. Statement 2 | Z is cyclic.\n"
                + "A. True, True\nB. False, False\nC. True, False\nD. False, True\nAnswer:");
        assertThat(get(judged, "paired_options")).isEqualTo(1f);
        assertThat(get(judged, "joint_claims")).isEqualTo(2f);
        float[] computed = LexicalFeatures.extract("Calculate the energy of the photon.\nA. 3.2 × 10^-19 J\n"
                + "B. 6.4 × 10^-19 J\nC. a photon has no energy\nD. 1.6 eV");
        assertThat(get(computed, "numeric_options")).as("three of four options are numbers and units").isEqualTo(0.75f);
        assertThat(get(computed, "compute_verbs")).isEqualTo(1f);
        assertThat(get(computed, "log_max_option_len")).isEqualTo((float) Math.log1p("a photon has no energy".length()));
        float[] plain = LexicalFeatures.extract("Who wrote Hamlet?");
        assertThat(get(plain, "paired_options")).isZero();
        assertThat(get(plain, "numeric_options")).isZero();
    }

    @Test
    void detectsCodeAndNonLatinScript() {
        assertThat(get(LexicalFeatures.extract("def f(x):\n    return x * 2"), "has_code")).isEqualTo(1f);
        assertThat(get(LexicalFeatures.extract("What is the capital of France?"), "has_code")).isZero();
        assertThat(get(LexicalFeatures.extract("ما هي عاصمة مصر؟"), "non_latin_letter_frac")).isEqualTo(1f);
    }

    @Test
    void staysFiniteAndBoundedOnHostileInput() {
        String huge = "🙂 שלום ".repeat(20_000) + "?".repeat(5000);
        for (String t : new String[] {null, "", huge, "\uD83D", "\u0000\u0000"}) {
            float[] f = LexicalFeatures.extract(t);
            assertThat(f).hasSize(LexicalFeatures.DIMENSION);
            for (float v : f) {
                assertThat(Float.isFinite(v)).isTrue();
                assertThat(v).isBetween(0f, 40f);
            }
        }
    }
}
