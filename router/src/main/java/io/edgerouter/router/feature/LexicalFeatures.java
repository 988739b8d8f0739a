package io.edgerouter.router.feature;

import java.util.List;

/**
 * Cheap features read straight off the prompt text, in a fixed order ({@link #NAMES}). Each is bounded (logs, fractions
 * and capped counts), so one 100 KB prompt cannot blow up a linear model. One pass over the characters (see
 * {@link TextScan}), no regular expressions: a few microseconds for a typical prompt, linear in its length.
 */
public final class LexicalFeatures {

    /** Feature names, in vector order. Part of the weights-file contract: append, never reorder. */
    public static final List<String> NAMES = List.of(
            "log_chars", "log_words", "log_lines", "digit_frac", "math_frac", "has_code", "questions",
            "negations", "answer_options", "log_option_len", "log_stem_chars", "non_ascii_frac", "non_latin_letter_frac",
            "upper_frac", "mean_word_len", "long_word_frac", "pipe_count", "quote_count", "formula_marks",
            "second_person", "first_person", "paired_options", "numeric_options", "joint_claims", "compute_verbs",
            "log_max_option_len");

    public static final int DIMENSION = NAMES.size();

    private LexicalFeatures() {
    }

    /** @return {@link #DIMENSION} finite floats for {@code text} (null is treated as empty). */
    public static float[] extract(String text) {
        TextScan s = TextScan.of(text == null ? "" : text);
        float[] f = new float[DIMENSION];
        f[0] = log(s.chars);
        f[1] = log(s.tokens);
        f[2] = log(s.lines);
        f[3] = frac(s.digits, s.chars);
        f[4] = frac(s.math, s.chars);
        f[5] = s.code ? 1f : 0f;
        f[6] = cap(s.questions, 10);
        f[7] = cap(s.negations, 20);
        f[8] = cap(s.options, 10);
        f[9] = s.options == 0 ? 0f : log(s.optionChars / (double) s.options);
        f[10] = log(s.firstOption < 0 ? s.chars : s.firstOption);
        f[11] = frac(s.nonAscii, s.chars);
        f[12] = frac(s.nonLatin, s.letters);
        f[13] = frac(s.upper, s.letters);
        f[14] = s.tokens == 0 ? 0f : (float) Math.min(s.tokenChars / (double) s.tokens, 30);
        f[15] = frac(s.longTokens, s.tokens);
        f[16] = cap(s.pipes, 20);
        f[17] = cap(s.quotes, 40);
        f[18] = cap(s.formula, 40);
        f[19] = cap(s.secondPerson, 20);
        f[20] = cap(s.firstPerson, 20);
        f[21] = frac(s.pairedOptions, s.options);
        f[22] = frac(s.numericOptions, s.options);
        f[23] = cap(s.jointClaims, 10);
        f[24] = cap(s.computeVerbs, 10);
        f[25] = log(s.maxOptionChars);
        return f;
    }

    private static float cap(int count, int max) {
        return (float) Math.min(count, max);
    }

    private static float log(double x) {
        return (float) Math.log1p(Math.max(0, x));
    }

    private static float frac(int part, int whole) {
        return whole == 0 ? 0f : part / (float) whole;
    }
}
