package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/** MAC addresses in colon, dash or Cisco dotted notation. */
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
                Pattern.jdk("cisco dotted", "(?<![\\w.])[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}" + END, 0.4,
                        HEX_START.withRun(StartGate.Chars.HEX, 4).withCharAt(4, StartGate.Chars.of(".")))),
                Set.of("mac", "hardware", "ethernet", "wifi", "wlan", "nic", "device"));
    }

    @Override
    protected Validation validate(String candidate) {
        // all-zero and broadcast addresses are placeholders in docs, not device identifiers
        String hex = candidate.replaceAll("[:.-]", "").toLowerCase();
        return hex.equals("000000000000") || hex.equals("ffffffffffff") ? Validation.INVALID : Validation.NOT_APPLICABLE;
    }
}
