package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEncoderTest {

    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = new MiniLmEncoder(96, 32, 1);
    }

    @AfterAll
    static void close() {
        encoder.close();
        encoder.close(); // closing twice is harmless
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void embeddingsAreUnitLengthDeterministicAndSemantic() {
        float[] cat = encoder.embed("A cat is sitting on the mat.");
        float[] kitten = encoder.embed("A kitten sits on a rug.");
        float[] tax = encoder.embed("Quarterly corporate tax filings are due in April.");
        assertThat(cat).hasSize(384);
        assertThat(dot(cat, cat)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(encoder.embed("A cat is sitting on the mat.")).containsExactly(cat);
        assertThat(dot(cat, kitten)).isGreaterThan(dot(cat, tax) + 0.2);
    }

    @Test
    void windowKeepsHeadAndTailOfLongPrompts() {
        long[] ids = encoder.windowIds("word ".repeat(1000) + "final question");
        assertThat(ids).hasSize(96 + 32 + 2);
        long[] shortIds = encoder.windowIds("hello world");
        assertThat(shortIds).hasSize(4); // [CLS] hello world [SEP]
    }

    @Test
    void handlesHugeEmojiRtlAndEmptyText() {
        String huge = "Explain the following log. " + "x".repeat(100 * 1024);
        for (String t : new String[] {huge, "🙂🙃🤖 👩‍👩‍👧", "ما هي عاصمة مصر؟ שלום עולם", "", "\uD83D"}) {
            float[] e = encoder.embed(t);
            assertThat(e).hasSize(384);
            for (float v : e) assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void truncatedEncoderKeepsTheFirstLayersOfTheSameWeights() {
        String text = "A cat is sitting on the mat.";
        try (MiniLmEncoder full = new MiniLmEncoder(96, 32, 1, MiniLmEncoder.FULL_DEPTH);
             MiniLmEncoder three = new MiniLmEncoder(96, 32, 1, 3);
             MiniLmEncoder threeAgain = new MiniLmEncoder(96, 32, 1, 3)) {
            assertThat(full.embed(text)).containsExactly(encoder.embed(text)); // 6 of 6 = the untouched graph
            float[] cut = three.embed(text);
            assertThat(three.layers()).isEqualTo(3);
            assertThat(cut).hasSize(384).containsExactly(threeAgain.embed(text));
            assertThat(dot(cut, cut)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            // a different function of the text (not the full model's output), still semantic
            assertThat(dot(cut, full.embed(text))).isLessThan(0.99);
            assertThat(dot(cut, three.embed("A kitten sits on a rug.")))
                    .isGreaterThan(dot(cut, three.embed("Quarterly corporate tax filings are due in April.")));
        }
    }

    @Test
    void rejectsDepthsOutsideTheModel() {
        assertThatThrownBy(() -> new MiniLmEncoder(48, 16, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layers must be in [1, 6], got 0");
        assertThatThrownBy(() -> new MiniLmEncoder(48, 16, 1, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 7");
    }

    @Test
    void rejectsWindowsBeyondTheModel() {
        assertThatThrownBy(() -> new MiniLmEncoder(500, 20, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head + tail <= 510");
    }
}
