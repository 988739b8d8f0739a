package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CryptoRecognizerTest {

    private static final CryptoRecognizer RECOGNIZER = new CryptoRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // legacy P2PKH address (Base58Check)
                found("p2pkh", "send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 now", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", 1.0),
                // P2SH address starting with 3
                found("p2sh", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", 1.0),
                // SegWit v0 (Bech32)
                found("bech32", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", 1.0),
                // Taproot (Bech32m)
                found("bech32m taproot", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
                        "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", 1.0),
                // one character changed: Base58Check fails
                none("base58 checksum failure", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
                // one character changed: Bech32 checksum fails
                none("bech32 checksum failure", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp"),
                // mixed case is invalid in Bech32
                none("bech32 mixed case", "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesBitcoinAddressesWithChecksum(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
