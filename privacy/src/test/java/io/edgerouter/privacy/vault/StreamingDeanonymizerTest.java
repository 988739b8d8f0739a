package io.edgerouter.privacy.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingDeanonymizerTest {

    private static Vault vault() {
        Vault v = new Vault();
        v.placeholderFor("EMAIL_ADDRESS", "ann@example.com");
        v.placeholderFor("PERSON", "Ann Lee");
        return v;
    }

    private static final String ANSWER = "Dear <PERSON_1>, we wrote to <EMAIL_ADDRESS_1>. Ratio 3<4 and <b>bold</b>, <PERSON_1>!";
    private static final String RESTORED = "Dear Ann Lee, we wrote to ann@example.com. Ratio 3<4 and <b>bold</b>, Ann Lee!";

    @Test
    void restoresAPlaceholderSplitAtEveryPossiblePosition() {
        for (int cut = 0; cut <= ANSWER.length(); cut++) {
            StreamingDeanonymizer s = new StreamingDeanonymizer(vault());
            String out = s.accept(ANSWER.substring(0, cut)) + s.accept(ANSWER.substring(cut)) + s.flush();
            assertThat(out).as("cut at %d", cut).isEqualTo(RESTORED);
        }
    }

    @Test
    void restoresWhenTheAnswerArrivesOneCharacterAtATime() {
        StreamingDeanonymizer s = new StreamingDeanonymizer(vault());
        StringBuilder out = new StringBuilder();
        for (char c : ANSWER.toCharArray()) {
            out.append(s.accept(String.valueOf(c)));
        }
        assertThat(out.append(s.flush()).toString()).isEqualTo(RESTORED);
    }

    @Test
    void restoresUnderRandomChunking() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            StreamingDeanonymizer s = new StreamingDeanonymizer(vault());
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < ANSWER.length()) {
                int n = Math.min(ANSWER.length() - i, 1 + random.nextInt(8));
                out.append(s.accept(ANSWER.substring(i, i + n)));
                i += n;
            }
            assertThat(out.append(s.flush()).toString()).isEqualTo(RESTORED);
        }
    }

    @Test
    void emitsPlainTextImmediatelyAndHoldsOnlyAPossiblePlaceholderStart() {
        StreamingDeanonymizer s = new StreamingDeanonymizer(vault());
        assertThat(s.accept("Hello ")).isEqualTo("Hello ");
        assertThat(s.accept("<PERS")).isEmpty();
        assertThat(s.accept("ON_1> and 2 < 3")).isEqualTo("Ann Lee and 2 < 3");
        assertThat(s.accept(" <b")).isEqualTo(" <b");
        assertThat(s.flush()).isEmpty();
    }

    @Test
    void flushReleasesAnUnfinishedFragmentUnchanged() {
        StreamingDeanonymizer s = new StreamingDeanonymizer(vault());
        assertThat(s.accept("end <EMAIL_ADD")).isEqualTo("end ");
        assertThat(s.flush()).isEqualTo("<EMAIL_ADD");
    }
}
