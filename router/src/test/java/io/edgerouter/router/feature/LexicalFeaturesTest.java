package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * Vectors the extractor gave before its scan was sped up, the values the shipped weights were trained on: a
     * change in any of them, even in the last bit, means the model needs retraining.
     */
    static Stream<Arguments> trainedValues() {
        return Stream.of(
                // judged statements with paired, lettered options; a contraction; a formula
                Arguments.of("Statement 1 | Every group of order p^2 is abelian. Statement 2 | Z_6 isn't cyclic.\n"
                        + "A. True, True\nB. False, False\nC. True, False\nD. False, True\nAnswer:", new float[] {
                        5.0172796f, 3.4011974f, 1.9459101f, 0.026666667f, 0.006666667f, 0.0f, 0.0f, 5.0f, 4.0f,
                        2.4849067f, 4.4308167f, 0.0f, 0.0f, 0.16666667f, 4.206897f, 0.0f, 2.0f, 0.0f, 1.0f, 0.0f,
                        0.0f, 1.0f, 0.0f, 2.0f, 0.0f, 2.5649493f}),
                // "how many", a compute verb, indented numeric options, a non-ASCII symbol
                Arguments.of("Calculate how many joules a 3.2 × 10^-19 J photon carries, and don't round.\n"
                        + "  a) 6.4 eV\n  b) none of these\n  c) 1.6e-19", new float[] {
                        4.787492f, 3.1780539f, 1.609438f, 0.10084034f, 0.033613447f, 0.0f, 0.0f, 2.0f, 3.0f,
                        2.2686834f, 4.3438053f, 0.008403362f, 0.0f, 0.045454547f, 3.9565217f, 0.0f, 0.0f, 0.0f, 0.0f,
                        0.0f, 0.0f, 0.0f, 0.6666667f, 0.0f, 2.0f, 2.6390574f}),
                // code: keywords before "(" and "{", a fence of backticks
                Arguments.of("def f(x):\n    return x * 2;\n```\npublic class A { void run() {} }\n```", new float[] {
                        4.2341065f, 2.8332133f, 1.7917595f, 0.014705882f, 0.014705882f, 1.0f, 0.0f, 0.0f, 0.0f, 0.0f,
                        4.2341065f, 0.0f, 0.0f, 0.032258064f, 3.0625f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f,
                        0.0f, 0.0f, 0.0f}),
                // Arabic, an emoji (a surrogate pair), Greek, curly quotes and apostrophe, CRLF, a Roman numeral claim
                Arguments.of("ما هي عاصمة مصر؟ 🙂 Ωmega “quoted” — Which of YOUR answers is NOT incorrect? I think we"
                        + " can’t know.\r\n\tII. premise III", new float[] {
                        4.7706847f, 3.1780539f, 1.0986123f, 0.0f, 0.0f, 0.0f, 2.0f, 3.0f, 0.0f, 0.0f, 4.7706847f,
                        0.16239317f, 0.15662651f, 0.18072289f, 4.0434785f, 0.04347826f, 0.0f, 2.0f, 0.0f, 1.0f, 2.0f,
                        0.0f, 0.0f, 1.0f, 0.0f, 0.0f}),
                // the start of the benchmark's 512-piece prompt
                Arguments.of("Which statement about the following is correct? a on this not has when would these most"
                        + " theory law in with", new float[] {
                        4.6728287f, 3.0445225f, 0.6931472f, 0.0f, 0.0f, 0.0f, 1.0f, 1.0f, 0.0f, 0.0f, 4.6728287f, 0.0f,
                        0.0f, 0.011627907f, 4.35f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f}));
    }

    @ParameterizedTest
    @MethodSource("trainedValues")
    void keepsTheExactValuesTheShippedModelWasTrainedOn(String prompt, float[] expected) {
        assertThat(LexicalFeatures.extract(prompt)).containsExactly(expected);
    }
}
