package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * MAC addresses (MAC_ADDRESS), as Presidio's MacAddressRecognizer finds them.
 *
 * <p>Formats: six hex pairs separated by colons or by dashes (one separator throughout), Cisco dotted
 * "0012.3456.789a"; any case. Check: the all-zero and broadcast addresses are placeholders and dropped, as in
 * Presidio. Ladder: 0.6 for every format (Presidio's; no checksum exists), +0.35 with context. Context: "mac",
 * "hardware", "physical", "ethernet" (Presidio's words), "wifi", "wlan", "nic", "device".
 */
public final class MacAddressRecognizer extends PatternRecognizer {

    private static final String HEX2 = "[0-9A-Fa-f]{2}";
    private static final String END = "(?![\\w:-]|\\.\\w)";
    private static final StartGate HEX_START = StartGate.first(StartGate.Chars.HEX, StartGate.Chars.WORD);

    public MacAddressRecognizer() {
        super("MacAddressRecognizer", Entities.MAC_ADDRESS, List.of(
                Pattern.jdk("colon separated", "(?<![\\w:-])" + HEX2 + "(?::" + HEX2 + "){5}" + END, 0.6,
                        HEX_START.withRun(StartGate.Chars.HEX, 2).withCharAt(2, StartGate.Chars.of(":"))),
                Pattern.jdk("dash separated", "(?<![\\w:-])" + HEX2 + "(?:-" + HEX2 + "){5}" + END, 0.6,
                        HEX_START.withRun(StartGate.Chars.HEX, 2).withCharAt(2, StartGate.Chars.of("-"))),
                Pattern.jdk("cisco dotted", "(?<![\\w.])[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}" + END, 0.6,
                        HEX_START.withRun(StartGate.Chars.HEX, 4).withCharAt(4, StartGate.Chars.of(".")))),
                Set.of("mac", "hardware", "physical", "ethernet", "wifi", "wlan", "nic", "device"));
    }

    @Override
    protected Validation validate(String candidate) {
        // all-zero and broadcast addresses are placeholders in docs, not device identifiers
        String hex = candidate.replaceAll("[:.-]", "").toLowerCase();
        return hex.equals("000000000000") || hex.equals("ffffffffffff") ? Validation.INVALID : Validation.NOT_APPLICABLE;
    }
}
