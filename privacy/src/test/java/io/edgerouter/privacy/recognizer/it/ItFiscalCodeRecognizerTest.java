package io.edgerouter.privacy.recognizer.it;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItFiscalCodeRecognizerTest {

    private static final ItFiscalCodeRecognizer RECOGNIZER = new ItFiscalCodeRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // a man born 10 December 1985 in municipality A562, control letter S
                found("valid code", "codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S", 1.0),
                // lower case is accepted and upper-cased for the check
                found("lower case", "cf: rssmra85t10a562s", "rssmra85t10a562s", 1.0),
                // a woman: day 41 = the 1st, born May 1992 in F205
                found("female day", "BNCLCU92E41F205J", "BNCLCU92E41F205J", 1.0),
                // omocodia: the last digit 2 replaced by N, control recomputed (H)
                found("one substitution", "RSSMRA85T10A56NH", "RSSMRA85T10A56NH", 1.0),
                // omocodia with two substitutions from the right (6 -> S, 2 -> N)
                found("two substitutions", "RSSMRA85T10A5SNT", "RSSMRA85T10A5SNT", 1.0),
                // 29 February in a year divisible by 4
                found("leap day", "RSSMRA84B29A562Y", "RSSMRA84B29A562Y", 1.0),
                // a foreign country of birth (Z404)
                found("foreign country", "RSSMRA85T10Z404L", "RSSMRA85T10Z404L", 1.0),
                // wrong control letter: dropped (Presidio keeps it at 0.3)
                none("wrong control", "codice fiscale RSSMRA85T10A562T"),
                // a substituted year digit followed by real digits is not how omocodia works
                none("substitution not a suffix", "RSSMRA8RT10A562E"),
                // 30 February, control letter correct
                none("30 February", "RSSMRA85B30A562G"),
                // 31 April, control letter correct
                none("31 April", "RSSMRA85D31A562M"),
                // day 72 (female 32) does not exist
                none("female day 72", "RSSMRA85T72A562C"),
                // 29 February in 1985
                none("no leap day", "RSSMRA85B29A562Z"),
                // municipality number 000
                none("municipality 000", "RSSMRA85T10A000W"),
                // foreign-country codes start at Z100
                none("foreign code Z050", "RSSMRA85T10Z050A"),
                // X is no municipality letter: an identifier of the right shape otherwise
                none("place letter X", "BTCUSD22M15X123A"),
                // glued to a preceding letter
                none("letter before", "XRSSMRA85T10A562S"),
                // followed by a digit
                none("digit after", "RSSMRA85T10A562S1"),
                // separators inside are not part of the format
                none("spaced", "RSSMRA 85T10A562S"),
                // ordinary 16-letter words cannot take the shape
                none("plain word", "Characterization internationally"),
                // an all-letter identifier of 16 characters
                none("letters only", "ABCDEFGHIJKLMNOP"),
                // an upper-case identifier with digits in other places
                none("other identifier", "ABCDEF12G34H567I"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItalianFiscalCodes(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
