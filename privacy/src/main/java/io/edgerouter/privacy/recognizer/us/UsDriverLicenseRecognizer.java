package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US driver licence numbers (entity {@code US_DRIVER_LICENSE}), with Presidio's state formats and scores.
 *
 * <p>Fifty states use dozens of formats and none has a public checksum, so all patterns are weak and context
 * carries the decision. Letters match in either case (Presidio matches case-insensitively); a match is a whole
 * token, with no letter, digit, '_' or '-' next to it.
 * <ul>
 *   <li>Alphanumeric, 0.3: letter + 1-14 digits, letter + 18 digits, letter + 6 digits + R, two letters + 3-7
 *       digits, two letters + 6 digits + letter, letter-digit-letter-digit-letter, 2 digits + 3 letters + 5-6
 *       digits, 9 digits + letter, 8 digits + 2 letters, 3 digits + 2 letters + 4 digits, 7-8 digits + letter.
 *       (Presidio's list also holds {@code A-Z]{2}[0-9]{2,5}}, a typo that matches only the literal text
 *       "A-Z]]"; it is left out.)</li>
 *   <li>Dashed, 0.3 (this library's addition; Presidio's patterns have no separators): letter + digit groups
 *       as printed in Florida, Michigan, Minnesota or Wisconsin ({@code W123-456-78-901-2},
 *       {@code A123-456-789-012}, {@code W123-4567-8901-23}).</li>
 *   <li>Digits, 0.01: 6-14 or 16 digits.</li>
 * </ul>
 * Context ("driver", "license"/"licence", "lic", "permit", "identification", "driving", "dl", "dls", "cdls",
 * "dmv") adds 0.35 (floor 0.4): 0.3 → 0.65, 0.01 → 0.4.
 */
public final class UsDriverLicenseRecognizer extends PatternRecognizer {

    private static final String S = Bounds.CODE_START;
    private static final String E = Bounds.CODE_END;

    public UsDriverLicenseRecognizer() {
        super("UsDriverLicenseRecognizer", Entities.US_DRIVER_LICENSE, List.of(
                pattern("Driver License - letter first (weak)", S + "[A-Z](?:\\d{1,14}|\\d{18}|\\d{6}R|[A-Z]\\d{3,7}"
                        + "|[A-Z]\\d{6}[A-Z]|\\d[A-Z]\\d[A-Z])" + E, 0.3,
                        Bounds.LETTER_START.withCharWithin(1, 2, StartGate.Chars.DIGIT)),
                pattern("Driver License - digit first (weak)", S + "\\d(?:\\d[A-Z]{3}\\d{5,6}|\\d{8}[A-Z]"
                        + "|\\d{7}[A-Z]{2}|\\d{2}[A-Z]{2}\\d{4}|\\d{6,7}[A-Z])" + E, 0.3,
                        Bounds.DIGIT.withRun(StartGate.Chars.DIGIT, 2)),
                pattern("Driver License - dashed groups (weak)", S + "[A-Z]\\d{3}-(?:\\d{3}-\\d{2}-\\d{3}-\\d"
                        + "|\\d{3}-\\d{3}-\\d{3}|\\d{4}-\\d{4}(?:-\\d{2})?)" + E, 0.3,
                        Bounds.LETTER_START.withCharAt(1, StartGate.Chars.DIGIT)),
                pattern("Driver License - digits (very weak)", S + "(?:\\d{6,14}|\\d{16})" + E, 0.01,
                        Bounds.DIGIT.withRun(StartGate.Chars.DIGIT, 6))),
                Set.of("driver", "drivers", "driver's", "license", "licence", "permit", "lic", "lic#",
                        "identification", "dl", "dls", "cdls", "driving", "dmv"));
    }

    private static Pattern pattern(String name, String regex, double score, StartGate gate) {
        return Pattern.jdk(name, "(?i)" + regex, score, gate); // case-insensitive, as Presidio's default flags
    }
}
