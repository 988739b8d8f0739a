package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeywordsTest {

    private final Keywords keywords = new Keywords().add(1, "not", "never").add(2, "i", "ii").add(4, "i");

    private int flags(String text, int from, int to) {
        return keywords.flags(text, from, to);
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
}
