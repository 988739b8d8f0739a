package io.edgerouter.privacy.recognizer.generic;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The national pre-filter never rejects a candidate that libphonenumber's {@code parse} + {@code
 * isValidNumberForRegion} accepts: random numbers per region (example numbers of every type with random digits
 * changed, written with and without the national prefix, the international prefix and the country code, grouped by
 * the separators the candidate pattern allows), and random digit runs.
 */
class NationalNumberFilterTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** The recognizer's regions, and some with other metadata shapes (transform rules, shared country codes). */
    private static final List<String> REGIONS = new ArrayList<>(PhoneRecognizer.DEFAULT_REGIONS);

    static {
        REGIONS.addAll(List.of("AR", "RU", "KZ", "GG", "JE", "PR", "CO", "KR", "CN", "SG", "AT", "BE", "PT"));
    }

    @Test
    void neverRejectsANumberLibphonenumberAccepts() {
        NationalNumberFilter filter = new NationalNumberFilter(UTIL, REGIONS);
        NationalNumberFilter.Scratch scratch = filter.newScratch();
        Random random = new Random(42);
        int accepted = 0;
        int rejected = 0;
        for (String home : REGIONS) {
            for (String candidate : candidates(home, random, 250)) {
                String digits = candidate.replaceAll("[^0-9]", "");
                for (int i = 0; i < REGIONS.size(); i++) {
                    String region = REGIONS.get(i);
                    boolean valid = valid(candidate, region);
                    boolean may = filter.mayBeValid(i, digits, scratch);
                    PhoneNumber expected = parsed(candidate, region);
                    PhoneNumber fast = filter.parseValid(i, digits, scratch);
                    if (valid) {
                        assertThat(fast).as("'%s' in %s: parse", candidate, region).isNotSameAs(NationalNumberFilter.INVALID);
                        assertThat(fast.exactlySameAs(expected)).as("'%s' in %s: %s, parse %s", candidate, region,
                                fast, expected).isTrue();
                    } else {
                        assertThat(fast).as("'%s' in %s: not valid", candidate, region).isSameAs(NationalNumberFilter.INVALID);
                    }
                    if (valid) {
                        accepted++;
                        assertThat(may).as("'%s' is valid for %s", candidate, region).isTrue();
                    } else if (!may) {
                        rejected++;
                    }
                }
            }
        }
        assertThat(accepted).as("valid (candidate, region) pairs tried").isGreaterThan(5_000);
        assertThat(rejected).as("pairs the filter spares libphonenumber").isGreaterThan(50_000);
    }

    @Test
    void parsesInternationalNumbersAsLibphonenumber() {
        NationalNumberFilter filter = new NationalNumberFilter(UTIL, REGIONS);
        NationalNumberFilter.Scratch scratch = filter.newScratch();
        Random random = new Random(7);
        List<String> regions = new ArrayList<>(UTIL.getSupportedRegions());
        java.util.Collections.sort(regions);
        List<String> candidates = new ArrayList<>();
        for (String region : regions) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example != null) {
                    candidates.add(UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL));
                    candidates.add("+" + UTIL.getCountryCodeForRegion(region) + " (0) "
                            + UTIL.getNationalSignificantNumber(example));
                }
            }
            for (String national : candidates(region, random, 30)) {
                candidates.add("+" + national);
            }
        }
        for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            PhoneNumber example = UTIL.getExampleNumberForNonGeoEntity(code);
            if (example != null) {
                candidates.add(UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL));
            }
        }
        for (int k = 0; k < 20_000; k++) {
            candidates.add(group("+" + randomDigits(random, 7 + random.nextInt(9)), random));
        }
        int valid = 0;
        for (String candidate : candidates) {
            String rest = candidate.substring(1);
            if (!NationalNumberFilter.plain(rest)) {
                continue; // the recognizer leaves those to libphonenumber
            }
            PhoneNumber expected = parsed(candidate, "ZZ");
            PhoneNumber fast = filter.parseInternational(NationalNumberFilter.digits(rest), scratch);
            if (expected == null) {
                assertThat(fast).as("'%s' does not parse", candidate).isNull();
            } else {
                assertThat(fast).as("'%s' parses", candidate).isNotNull();
                assertThat(fast.exactlySameAs(expected)).as("'%s': %s, parse %s", candidate, fast, expected).isTrue();
                valid += UTIL.isValidNumber(expected) ? 1 : 0;
            }
        }
        assertThat(valid).as("valid international numbers tried").isGreaterThan(2_000);
    }

    private static PhoneNumber parsed(String candidate, String region) {
        try {
            return UTIL.parse(candidate, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static boolean valid(String candidate, String region) {
        try {
            return UTIL.isValidNumberForRegion(UTIL.parse(candidate, region), region);
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** National candidates around {@code region}'s numbers: as the candidate pattern finds them (no '+', no "00"). */
    private static List<String> candidates(String region, Random random, int count) {
        List<String> out = new ArrayList<>();
        int cc = UTIL.getCountryCodeForRegion(region);
        List<String> nsns = new ArrayList<>();
        for (PhoneNumberType type : PhoneNumberType.values()) {
            PhoneNumber example = UTIL.getExampleNumberForType(region, type);
            if (example != null) {
                nsns.add(UTIL.getNationalSignificantNumber(example));
            }
        }
        if (nsns.isEmpty()) {
            nsns.add("2345678901");
        }
        String[] prefixes = {"", "", "", "0", "1", "00" + cc, "011" + cc, "010" + cc, "0011" + cc, "001" + cc,
            String.valueOf(cc), cc + "0", "9", "15", "0" + cc, "01", "90", "012", "044", "045", "8"};
        for (int k = 0; k < count; k++) {
            String nsn = nsns.get(random.nextInt(nsns.size()));
            StringBuilder d = new StringBuilder(nsn);
            int changes = random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                d.setCharAt(random.nextInt(d.length()), (char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(8) == 0 && d.length() > 5) {
                d.deleteCharAt(random.nextInt(d.length()));
            }
            if (random.nextInt(8) == 0) {
                d.insert(random.nextInt(d.length() + 1), (char) ('0' + random.nextInt(10)));
            }
            String digits = prefixes[random.nextInt(prefixes.length)] + d;
            if (random.nextInt(4) == 0) {
                digits = randomDigits(random, 7 + random.nextInt(9));
            }
            if (digits.startsWith("00") || digits.length() < 7 || digits.length() > 15) {
                continue; // "00..." is an international candidate; the recognizer drops other lengths first
            }
            out.add(group(digits, random));
            try {
                // the national format libphonenumber itself writes
                String national = UTIL.format(UTIL.parse(digits, region), PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
                if (national.matches("[0-9 ().\\-/]+") && !national.startsWith("00")) {
                    out.add(national);
                }
            } catch (NumberParseException e) {
                // not parseable: the digit run alone is enough
            }
        }
        return out;
    }

    private static String randomDigits(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** The digits grouped by random separators of the candidate pattern, sometimes an area code in parentheses. */
    private static String group(String digits, Random random) {
        if (random.nextInt(3) == 0) {
            return digits;
        }
        String[] seps = {" ", "-", ".", "/", " - "};
        String sep = seps[random.nextInt(seps.length)];
        StringBuilder sb = new StringBuilder();
        int i = 0;
        boolean parens = random.nextInt(4) == 0;
        while (i < digits.length()) {
            int n = Math.min(digits.length() - i, 2 + random.nextInt(3));
            String g = digits.substring(i, i + n);
            if (i == 0 && parens) {
                sb.append('(').append(g).append(") ");
            } else {
                if (i > 0 && !(parens && sb.charAt(sb.length() - 1) == ' ')) {
                    sb.append(sep);
                }
                sb.append(g);
            }
            i += n;
        }
        return sb.toString();
    }
}
