package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordsTest {

    private final Keywords keywords = new Keywords().add(1, "not", "never").add(2, "i", "ii").add(4, "i");

    private int flags(String text, int from, int to) {
        return keywords.flags(text.toCharArray(), from, to);
    }

    @Test
    void findsAKeywordInAnyCaseInsideALongerText() {
        String t = "I would NEVER say Not.";
        assertThat(flags(t, 0, 1)).isEqualTo(2 | 4);   // "I": flags of both add() calls are or-ed
        assertThat(flags(t, 8, 13)).isEqualTo(1);      // "NEVER"
        assertThat(flags(t, 18, 21)).isEqualTo(1);     // "Not"
        assertThat(flags(t, 2, 7)).isZero();           // "would"
    }

    @Test
    void matchesWholeRegionsOnly() {
        assertThat(flags("nothing", 0, 7)).isZero();   // a keyword's prefix is not the keyword
        assertThat(flags("nothing", 0, 3)).isEqualTo(1); // the caller decides the word boundaries
        assertThat(flags("iii", 0, 3)).isZero();
        assertThat(flags("", 0, 0)).isZero();
    }

    @Test
    void regionsWithOtherCharactersOrTooLongMatchNothing() {
        assertThat(flags("n0t", 0, 3)).isZero();
        assertThat(flags("nöt", 0, 3)).isZero();
        assertThat(flags("don't", 0, 5)).isZero();
        assertThat(flags("notnotnotnotnot", 0, 15)).isZero();
    }

    @Test
    void rejectsKeywordsItCannotPack() {
        assertThatThrownBy(() -> new Keywords().add(1, "naïve")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("naïve");
        assertThatThrownBy(() -> new Keywords().add(1, "thirteenchars")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A random word of 1 to 12 letters, mostly from a few letters so that words share lengths, firsts and lasts. */
    private static String randomWord(Random r) {
        StringBuilder sb = new StringBuilder();
        int length = 1 + r.nextInt(12);
        for (int i = 0; i < length; i++) {
            sb.append((char) (r.nextInt(3) == 0 ? 'a' + r.nextInt(26) : "aeinost".charAt(r.nextInt(7))));
        }
        return sb.toString();
    }

    /** The case variants a prompt may spell a keyword in. */
    private static List<String> spellings(String w) {
        StringBuilder alternating = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            alternating.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return List.of(w, w.toUpperCase(Locale.ROOT), Character.toUpperCase(w.charAt(0)) + w.substring(1),
                alternating.toString());
    }

    @Test
    void preFilterNeverRejectsAKeywordInAnySpelling() {
        Random r = new Random(1);
        for (int set = 0; set < 200; set++) {
            Keywords k = new Keywords();
            Map<String, Integer> expected = new HashMap<>();
            int size = 1 + r.nextInt(60);
            for (int i = 0; i < size; i++) {
                String w = randomWord(r);
                int flag = 1 << r.nextInt(9);
                k.add(flag, w);
                expected.merge(w, flag, (a, b) -> a | b);
            }
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                for (String spelling : spellings(e.getKey())) {
                    char[] t = ("(" + spelling + ")").toCharArray();
                    assertThat(k.mayMatch(t, 1, t.length - 1)).as(spelling).isTrue();
                    assertThat(k.flags(t, 1, t.length - 1)).as(spelling).isEqualTo(e.getValue());
                }
            }
        }
    }

    @Test
    void matchesExactlyWhatALowerCasedMapLookUpMatches() {
        Random r = new Random(2);
        Keywords k = new Keywords();
        Map<String, Integer> reference = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String w = randomWord(r);
            k.add(1 << (i % 9), w);
            reference.merge(w, 1 << (i % 9), (a, b) -> a | b);
            words.add(w);
        }
        // regions of text made of keywords, near misses, other letters, digits, apostrophes and non-ASCII letters
        // (U+212A is the Kelvin sign, which Unicode lower-cases to 'k'; 'ı' is the dotless i)
        String[] pieces = {"", "", "s", "x", "'", "1", "é", "\u212A", "ı", "İ", " "};
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            String region = pieces[r.nextInt(pieces.length)] + spellings(words.get(r.nextInt(words.size())))
                    .get(r.nextInt(4)) + pieces[r.nextInt(pieces.length)];
            if (r.nextInt(4) == 0) region = randomWord(r) + randomWord(r);
            char[] t = ("[" + region + "]").toCharArray();
            boolean asciiLetters = region.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
            int want = asciiLetters ? reference.getOrDefault(region.toLowerCase(Locale.ROOT), 0) : 0;
            assertThat(k.flags(t, 1, t.length - 1)).as(region).isEqualTo(want);
            if (want != 0) matched++;
        }
        assertThat(matched).as("the sample must hold keywords to be a test").isGreaterThan(1_000);
    }
}
