package io.edgerouter.privacy.recognizer.fi;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FiPersonalIdentityCodeRecognizerTest {

    private static final FiPersonalIdentityCodeRecognizer RECOGNIZER = new FiPersonalIdentityCodeRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // classic 1900s sign '-': 150387274 mod 31 -> C
                found("hyphen, 1900s", "hetu 150387-274C", "150387-274C", 1.0),
                // 'A' for the 2000s and a digit control character (230804618 mod 31 -> 8)
                found("A, 2000s", "henkilötunnus: 230804A6188.", "230804A6188", 1.0),
                // 2023 sign Y for the 1900s: the control character does not depend on the sign
                found("new sign Y", "150387Y274C", "150387Y274C", 1.0),
                // 2023 sign B for the 2000s
                found("new sign B", "230804B6188", "230804B6188", 1.0),
                // '+' for the 1800s: 1 December 1899
                found("plus, 1800s", "011299+452E", "011299+452E", 1.0),
                // a lower-case century sign is accepted, as in Presidio's case-insensitive pattern
                found("lower-case sign", "230804a6188", "230804a6188", 1.0),
                // 29 February 2000 exists in the century of sign A
                found("leap day 2000", "290200A1239", "290200A1239", 1.0),
                // glued to preceding letters: Presidio's very weak form, certain once the check passes
                found("after letters", "my code is150387-274C.", "150387-274C", 1.0),
                // wrong control character
                none("wrong control", "hetu 150387-274D"),
                // 29 February 1900 does not exist: the sign '-' names the 1900s
                none("no leap day 1900", "hetu 290200-1239"),
                // 31 February does not exist
                none("impossible date", "hetu 310287-274C"),
                // G is not a century sign
                none("bad sign", "150387G274C"),
                // '/' is not a century sign either
                none("slash sign", "150387/274C"),
                // a lower-case control letter fails Presidio's upper-case comparison
                none("lower-case control", "150387-274c"),
                // preceded by a digit: a longer number
                none("digit before", "9150387-274C"),
                // followed by a letter: a longer identifier
                none("letter after", "150387-274CX"),
                // one digit short in the individual number
                none("short individual number", "150387-27C"),
                // a plain word of eleven letters
                none("plain word", "personality"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesFinnishIdentityCodes(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
