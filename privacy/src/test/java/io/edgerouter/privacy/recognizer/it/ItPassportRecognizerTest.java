package io.edgerouter.privacy.recognizer.it;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItPassportRecognizerTest {

    private static final ItPassportRecognizer RECOGNIZER = new ItPassportRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // two letters and seven digits: very weak alone (0.01)
                weak("no context", "code YA4829175 end", "YA4829175", 0.01),
                // lower case, still very weak
                weak("lower case", "ya4829175", "ya4829175", 0.01),
                // "passaporto" lifts it to the context floor 0.4
                found("passaporto context", "numero di passaporto YA4829175", "YA4829175", 0.4),
                // "documento" is context too
                found("documento context", "documento YA4829175", "YA4829175", 0.4),
                // eight digits: not the format
                none("eight digits", "YA48291753"),
                // three letters
                none("three letters", "XYA4829175"),
                // six digits
                none("six digits", "YA482917"),
                // a plain nine-letter word
                none("plain word", "wonderful"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItalianPassports(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
