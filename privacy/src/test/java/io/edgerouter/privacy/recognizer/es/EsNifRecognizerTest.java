package io.edgerouter.privacy.recognizer.es;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EsNifRecognizerTest {

    private static final EsNifRecognizer RECOGNIZER = new EsNifRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // eight digits and the right control letter (48213905 mod 23 -> V): certain
                found("eight digits, valid letter", "mi DNI es 48213905V", "48213905V", 1.0),
                // the same number with a hyphen before the letter
                found("hyphenated", "ref 48213905-V ok", "48213905-V", 1.0),
                // a lower-case control letter is upper-cased before the check, as in Presidio
                found("lower-case letter", "nif 48213905v", "48213905v", 1.0),
                // old seven-digit numbers (7654321 -> J)
                found("seven digits", "DNI 7654321J", "7654321J", 1.0),
                // the seven-digit number written with a leading zero keeps its letter
                found("leading zero", "07654321J", "07654321J", 1.0),
                // without any context a valid number is still certain: the letter is the proof
                found("no context", "value 48213905V end", "48213905V", 1.0),
                // right shape, wrong control letter: dropped even with context
                none("wrong letter", "DNI 48213905W"),
                // wrong letter in lower case is still wrong
                none("wrong lower-case letter", "dni 48213905a"),
                // glued to a preceding letter: part of a longer identifier
                none("letter before", "x48213905V"),
                // followed by a digit: part of a longer identifier
                none("digit after", "48213905V9"),
                // nine digits before the letter: not a NIF (and not cut down to eight)
                none("nine digits", "148213905V"),
                // six digits and a letter: too short (482139 -> J would pass the mod-23 test)
                none("six digits", "482139J"),
                // phone-like groups with hyphens
                none("hyphenated phone", "401-023-2138"),
                // a plain word has no digits
                none("plain word", "documents"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesSpanishNif(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
