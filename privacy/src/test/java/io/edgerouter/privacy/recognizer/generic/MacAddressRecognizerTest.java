package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.between;
import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MacAddressRecognizerTest {

    private static final MacAddressRecognizer RECOGNIZER = new MacAddressRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // colon separated, with "mac" context
                found("colons with context", "MAC 00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E", 0.9),
                // dash separated (Windows style), no context
                weak("dashes without context", "seen 00-1A-2B-3C-4D-5E", "00-1A-2B-3C-4D-5E", 0.6),
                // Cisco dotted notation with context "device"
                found("cisco dotted with context", "device 001a.2b3c.4d5e", "001a.2b3c.4d5e", 0.9),
                // Cisco dotted without context: Presidio's 0.6, like the other formats
                between("cisco dotted, no context", "seen 001a.2b3c.4d5e", "001a.2b3c.4d5e", 0.6, 0.6),
                // mixed separators are not a MAC address
                none("mixed separators", "00:1A-2B:3C-4D:5E"),
                // broadcast address is a documentation placeholder
                none("broadcast", "ff:ff:ff:ff:ff:ff"),
                // seven groups: part of something longer
                none("seven groups", "00:1A:2B:3C:4D:5E:6F"),

                // lower-case colons, Presidio's context phrase "physical address"
                found("physical address context", "physical address 3c:22:fb:01:9a:7e", "3c:22:fb:01:9a:7e", 0.9),
                // all zeros is a placeholder
                none("all zeros", "00-00-00-00-00-00"),
                // five groups are too short
                none("five groups", "00:1A:2B:3C:4D"),
                // not hex
                none("not hex", "GG:1A:2B:3C:4D:5E"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesMacAddresses(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
