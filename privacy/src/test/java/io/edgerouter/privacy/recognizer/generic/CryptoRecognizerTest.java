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
                found("p2pkh", "send to 1ys9Qi9UzY4k1Q5tovF1DuEPUxazofg1D now", "1ys9Qi9UzY4k1Q5tovF1DuEPUxazofg1D", 1.0),
                // P2SH address starting with 3
                found("p2sh", "wallet 3KJKC78113o8jbCAYzLDZKBA5t4MDLRSd6", "3KJKC78113o8jbCAYzLDZKBA5t4MDLRSd6", 1.0),
                // SegWit v0 (Bech32)
                found("bech32", "bc1qptqjw89zscyvecy9ehnyzda3tkvwhzha53a995", "bc1qptqjw89zscyvecy9ehnyzda3tkvwhzha53a995", 1.0),
                // Taproot (Bech32m)
                found("bech32m taproot", "btc: bc1pptqjw89zscyvecy9ehnyzda3tkvwhzhan4amq7ee8hdlfdnm5elsdasu6z.",
                        "bc1pptqjw89zscyvecy9ehnyzda3tkvwhzhan4amq7ee8hdlfdnm5elsdasu6z", 1.0),
                // one character changed: Base58Check fails
                none("base58 checksum failure", "1ys9Qi9UzY4k1Q5tovF1DuEPUxazofg1E"),
                // one character changed: Bech32 checksum fails
                none("bech32 checksum failure", "bc1qptqjw89zscyvecy9ehnyzda3tkvwhzha53a996"),
                // mixed case is invalid in Bech32
                none("bech32 mixed case", "bc1qPtqjw89zscyvecy9ehnyzda3tkvwhzha53a995"),

                // upper-case Bech32 (QR-code form) is valid
                found("bech32 upper case", "BC1QPTQJW89ZSCYVECY9EHNYZDA3TKVWHZHA53A995", "BC1QPTQJW89ZSCYVECY9EHNYZDA3TKVWHZHA53A995", 1.0),
                // a valid address with one more character glued on
                none("address plus a character", "1ys9Qi9UzY4k1Q5tovF1DuEPUxazofg1Dx"),
                // a 64-hex-digit hash is not an address
                none("sha-256 hex", "8d1f0e33f6d0b6a5c2a0f9b2b3e1c4d5a6978877665544332211ffeeddccbbaa"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesBitcoinAddressesWithChecksum(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
