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
    void rejectsWindowsBeyondTheModel() {
        assertThatThrownBy(() -> new MiniLmEncoder(500, 20, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head + tail <= 510");
    }
}
