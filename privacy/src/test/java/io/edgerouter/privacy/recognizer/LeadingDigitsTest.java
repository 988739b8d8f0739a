package io.edgerouter.privacy.recognizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The digits every match starts with, read off a regex so that digit-led patterns skip shorter digit runs. */
class LeadingDigitsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
        // a counted run after a lookbehind
        "(?<![\\w-])\\d{9}(?![\\w-])#9",
        // a range counts its minimum
        "(?<![\\w.-])\\d{3,5} x#3",
        // two lookbehinds, one with an alternative inside, then a class
        "(?<![\\w.-]|\\d )(?<!x)[0-9]{4}#4",
        // a bare digit
        "(?i)\\d[A-Z]#1",
        // an optional digit promises nothing
        "\\d?[A-Z]#0",
        // a top-level alternative may start otherwise
        "\\d{9}|[A-Z]\\d{8}#0",
        // a group first promises nothing (read conservatively)
        "(?:\\d{3})-\\d{2}#0",
        // a letter first
        "[A-Z]\\d{8}#0"
    })
    void readsTheLeadingDigitRunConservatively(String regex, int digits) {
        assertThat(CompiledPattern.leadingDigits(regex)).isEqualTo(digits);
    }
}
