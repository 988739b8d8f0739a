package io.edgerouter.privacy.recognizer.es;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EsNieRecognizerTest {

    private static final EsNieRecognizer RECOGNIZER = new EsNieRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // X counts as 0: 04821390 mod 23 -> S
                found("X prefix", "NIE X4821390S", "X4821390S", 1.0),
                // Y counts as 1: 13051782 mod 23 -> H
                found("Y prefix", "mi NIE es Y3051782H.", "Y3051782H", 1.0),
                // Z counts as 2: 26610248 mod 23 -> F
                found("Z prefix", "Z6610248F en mi NIE", "Z6610248F", 1.0),
                // hyphen before the control letter
                found("hyphenated", "Y3051782-H", "Y3051782-H", 1.0),
                // both letters in lower case are accepted, as in Presidio
                found("lower case", "nie x4821390s", "x4821390s", 1.0),
                // Spanish context words around a valid number
                found("Spanish context", "número de identificación de extranjero: Z6610248F", "Z6610248F", 1.0),
                // right shape, wrong control letter
                none("wrong letter", "NIE X4821390T"),
                // W is not a NIE prefix
                none("W prefix", "W4821390S"),
                // eight digits after the prefix: wrong length even though X48213905 -> V would pass mod 23
                none("eight digits", "X48213905V"),
                // six digits after the prefix: too short
                none("six digits", "Y305178H"),
                // preceded by a letter: inside a longer identifier
                none("letter before", "AX4821390S"),
                // followed by a digit: inside a longer identifier
                none("digit after", "X4821390S7"),
                // a plain word of nine letters
                none("plain word", "xylophone"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesSpanishNie(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
