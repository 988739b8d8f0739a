package io.edgerouter.privacy.recognizer.india;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Indian vehicle registration plates, written without separators (upper case):
 * <ul>
 *   <li>state plates {@code KA53ME3456} / {@code DL3CJI0001}: state or territory code, district (RTO) number, one to
 *       three series letters, four digits not all 0 (0.5);</li>
 *   <li>Bharat series {@code 22BH1234AB} (0.85) and armed forces {@code 15B123456C} (0.85);</li>
 *   <li>diplomatic {@code 77CD1234}: mission number, CD / CC / UN, serial (0.4);</li>
 *   <li>short old-style shapes {@code MCX1243} (0.2), {@code MN2412}, {@code A1234}, {@code I15432} (0.01).</li>
 * </ul>
 *
 * <p>Validation, Presidio's rules: a state plate of at least eight characters becomes 1.0 when its first two letters
 * are a known state or territory code and the district number is one of that state's RTO districts (the table
 * below is Presidio's; Delhi and Gujarat list districts without the leading zero, so both {@code DL3} and
 * {@code DL03} pass). A diplomatic plate becomes 1.0 when its mission number is 1 to 80 or a known foreign mission
 * code (Presidio means to do this too, but its code only reaches the test for plates starting with a state code,
 * which diplomatic plates never do). Nothing is dropped: an unknown district keeps the base score. Context words
 * "RTO", "vehicle", "plate", "registration" add 0.35.
 */
public final class InVehicleRegistrationRecognizer extends PatternRecognizer {

    public static final String ENTITY = "IN_VEHICLE_REGISTRATION";

    /** RTO district numbers per state code, as ranges (Presidio's table; most states have no district 21 there). */
    private static final Map<String, String> DISTRICTS = Map.ofEntries(
            Map.entry("AN", "1"), Map.entry("AP", "39-40"), Map.entry("AR", "1-17,19-20,22"),
            Map.entry("AS", "1-20,22-34"), Map.entry("BR", "1-11,19,21-22,24-34,37-39,43-46,50-53,55-56"),
            Map.entry("CG", "1-30"), Map.entry("CH", "1-4"), Map.entry("DD", "1-3"), Map.entry("DL", "1-13"),
            Map.entry("DN", "9"), Map.entry("GA", "1-12"), Map.entry("GJ", "1-39"), Map.entry("HP", "1-20,22-99"),
            Map.entry("HR", "1-20,22-99"), Map.entry("JH", "1-20,22-24"), Map.entry("JK", "1-20,22"),
            Map.entry("KA", "1-20,22-71"), Map.entry("KL", "1-20,22-99"), Map.entry("LA", "1-2"),
            Map.entry("LD", "1-9"), Map.entry("MH", "1-20,22-51"), Map.entry("ML", "1-10"), Map.entry("MN", "1-7"),
            Map.entry("MP", "1-20,22-71"), Map.entry("MZ", "1-8"), Map.entry("NL", "1-10"),
            Map.entry("OD", "1-20,22-35"), Map.entry("OR", "1-20,22-31"), Map.entry("PB", "1-20,22-99"),
            Map.entry("PY", "1-5"), Map.entry("RJ", "1-20,22-58"), Map.entry("SK", "1-8"),
            Map.entry("TN", "1-20,22-99"), Map.entry("TR", "1-8"), Map.entry("TS", "1-20,22-38"),
            Map.entry("UK", "1-20"), Map.entry("UP", "11-20,22-96"), Map.entry("WB", "1-20,22-98"));
    /** States whose table lists single-digit districts unpadded ("DL3"); the others need two digits ("MH01"). */
    private static final Set<String> UNPADDED = Set.of("DL", "GJ");
    private static final Map<String, boolean[]> DISTRICT_TABLE = new HashMap<>();
    /** Foreign mission codes above 80 that diplomatic plates use. */
    private static final boolean[] MISSIONS = parse("1-80,84-85,89,93-95,97-99,102,104-106,109,111-113,117,"
            + "119-123,125-126,128,133-135,137,141,145,147,149,152-153,155-157,159-160");

    static {
        DISTRICTS.forEach((state, ranges) -> DISTRICT_TABLE.put(state, parse(ranges)));
    }

    public InVehicleRegistrationRecognizer() {
        super("InVehicleRegistrationRecognizer", ENTITY, List.of(
                Pattern.jdk("letter and four digits (very weak)", "(?<![\\w-])[A-Z](?!0000)\\d{4}(?![\\w-])", 0.01,
                        StartGate.UPPER_WORD_START.withCharAt(1, StartGate.Chars.DIGIT)),
                Pattern.jdk("two letters and four digits (very weak)", "(?<![\\w-])[A-Z]{2}(?!0000)\\d{4}(?![\\w-])",
                        0.01, StartGate.UPPER_WORD_START.withCharAt(2, StartGate.Chars.DIGIT)),
                Pattern.jdk("I and five digits (very weak)", "(?<![\\w-])I(?!00000)\\d{5}(?![\\w-])", 0.01,
                        StartGate.first(StartGate.Chars.of("I"), StartGate.Chars.WORD)),
                Pattern.jdk("three letters and four digits (weak)", "(?<![\\w-])[A-Z]{3}(?!0000)\\d{4}(?![\\w-])", 0.2,
                        StartGate.UPPER_WORD_START.withCharAt(3, StartGate.Chars.DIGIT)),
                Pattern.jdk("diplomatic (medium)", "(?<![\\w-])\\d{1,3}(?:CD|CC|UN)[1-9]\\d{1,3}(?![\\w-])", 0.4,
                        StartGate.DIGIT_WORD_START),
                Pattern.jdk("state, one-digit district (medium)",
                        "(?<![\\w-])[A-Z]{2}\\d[A-Z]{1,3}(?!0000)\\d{4}(?![\\w-])", 0.5,
                        StartGate.UPPER_WORD_START.withCharAt(2, StartGate.Chars.DIGIT)),
                Pattern.jdk("state, two-digit district (medium)",
                        "(?<![\\w-])[A-Z]{2}\\d{2}[A-Z]{1,2}(?!0000)\\d{4}(?![\\w-])", 0.5,
                        StartGate.UPPER_WORD_START.withCharAt(2, StartGate.Chars.DIGIT)),
                Pattern.jdk("bharat series (strong)", "(?<![\\w-])[2-9][1-9]BH(?!0000)\\d{4}[A-HJ-NP-Z]{2}(?![\\w-])",
                        0.85, StartGate.first(StartGate.Chars.of("23456789"), StartGate.Chars.WORD)
                                .withCharAt(2, StartGate.Chars.of("B"))),
                Pattern.jdk("armed forces (strong)", "(?<![\\w-])(?!00)\\d{2}[ABCDEFHKPRX]\\d{6}[A-Z](?![\\w-])", 0.85,
                        StartGate.DIGIT_WORD_START.withCharAt(2, StartGate.Chars.UPPER))),
                Set.of("rto", "vehicle", "vehicles", "plate", "plates", "registration"));
    }

    @Override
    protected Validation validate(String candidate) {
        return stateDistrictKnown(candidate) || diplomaticMissionKnown(candidate)
                ? Validation.VALID : Validation.NOT_APPLICABLE;
    }

    static boolean stateDistrictKnown(String plate) {
        if (plate.length() < 8 || !Character.isLetter(plate.charAt(0))) {
            return false;
        }
        String state = plate.substring(0, 2);
        boolean[] districts = DISTRICT_TABLE.get(state);
        if (districts == null || !isDigit(plate.charAt(2))) {
            return false;
        }
        boolean twoDigits = isDigit(plate.charAt(3));
        if (!twoDigits && !UNPADDED.contains(state)) {
            return false;
        }
        int district = Integer.parseInt(plate.substring(2, twoDigits ? 4 : 3));
        String serial = plate.substring(plate.length() - 4);
        return district < districts.length && districts[district] && serial.chars().allMatch(c -> c >= '0' && c <= '9')
                && !serial.equals("0000");
    }

    static boolean diplomaticMissionKnown(String plate) {
        int i = 0;
        while (i < plate.length() && isDigit(plate.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 3 || i + 2 > plate.length()) {
            return false;
        }
        String code = plate.substring(i, i + 2);
        if (!code.equals("CD") && !code.equals("CC") && !code.equals("UN")) {
            return false;
        }
        int mission = Integer.parseInt(plate.substring(0, i));
        return mission < MISSIONS.length && MISSIONS[mission];
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean[] parse(String ranges) {
        boolean[] out = new boolean[161];
        for (String r : ranges.split(",")) {
            String[] ends = r.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[ends.length - 1]);
            for (int n = from; n <= to; n++) {
                out[n] = true;
            }
        }
        return out;
    }
}
