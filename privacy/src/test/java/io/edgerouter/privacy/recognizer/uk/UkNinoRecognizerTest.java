package io.edgerouter.privacy.recognizer.uk;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UkNinoRecognizerTest {

    private static final UkNinoRecognizer RECOGNIZER = new UkNinoRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // printed layout with spaces: medium
                exactly("spaced", "ref JG 10 37 21 B", "JG 10 37 21 B", 0.5),
                // compact
                exactly("compact", "ref JG103721B", "JG103721B", 0.5),
                // lower case, as Presidio matches case-insensitively
                exactly("lower case", "ref jg103721b", "jg103721b", 0.5),
                // only some gaps spaced
                exactly("some gaps", "ref JG 103721 B", "JG 103721 B", 0.5),
                // "NINO" raises it
                exactly("with nino", "NINO: JG103721B", "JG103721B", 0.85),
                // "national insurance" raises it; the span never includes the space before
                exactly("with national insurance", "my national insurance number JG 10 37 21 B",
                        "JG 10 37 21 B", 0.85),
                // O may be the first letter
                exactly("first letter O", "ref OA103721D", "OA103721D", 0.5),
                // D is never a first letter
                none("first letter D", "NINO DA103721B"),
                // Q is never a first letter
                none("first letter Q", "NINO QA103721B"),
                // O is never a second letter
                none("second letter O", "NINO AO103721B"),
                // V is never a second letter
                none("second letter V", "NINO AV103721B"),
                // BG is never allocated, also after another word
                none("prefix BG", "NINO BG103721A and x BG103721A"),
                // the other reserved prefixes
                none("prefixes GB KN NK NT TN ZZ", "GB103721A KN103721A NK103721A NT103721A TN103721A ZZ103721A"),
                // the suffix is A-D
                none("suffix E", "NINO JG103721E"),
                // a digit suffix
                none("digit suffix", "NINO JG1037211"),
                // no suffix
                none("no suffix", "NINO JG103721"),
                // two spaces in a gap
                none("double space", "NINO JG  103721B"),
                // glued to a letter before
                none("after a letter", "NINO XJG103721B"),
                // glued to a letter after
                none("before a letter", "NINO JG103721BC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesNationalInsuranceNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
