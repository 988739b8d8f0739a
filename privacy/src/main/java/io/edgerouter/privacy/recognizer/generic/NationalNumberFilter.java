package io.edgerouter.privacy.recognizer.generic;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact pre-filter for {@code util.parse(candidate, region)} followed by {@code isValidNumberForRegion}: it says
 * "no" only when libphonenumber would say "no", at a fraction of the cost (no parse: a length test and a few
 * regular expressions of the region's own metadata), so that a national candidate is parsed only for the regions
 * whose metadata it can fit.
 *
 * <p>Why it is exact. For a candidate without '+' made of ASCII digits and the separators the candidate pattern allows
 * (no letters, '#', ',' or ';', so no extension), libphonenumber's parse depends on its digits {@code D} only (or it
 * fails), and the national significant number (NSN) it produces for region R is one of:
 * <ul>
 *   <li>{@code D}, or {@code D} after R's national prefix for parsing (stripped, or transformed by R's rule);</li>
 *   <li>after a match of R's international prefix (IDD) and R's own country code: the rest, or the rest after the
 *       national prefix of the country code's main region (any other country code is never valid for R);</li>
 *   <li>when {@code D} starts with R's country code: the rest or the rest after R's national prefix, each of them
 *       also after the main region's national prefix (parse may strip it a second time).</li>
 * </ul>
 * The filter tries every one of them (a superset of the one parse picks). {@code isValidNumberForRegion} accepts an
 * NSN only when {@code getNumberTypeHelper} finds a type: the NSN has one of the general description's possible
 * lengths and matches its pattern, and then one of the types' (premium rate ... fixed line, mobile) the same way. If
 * no string of the list passes that test, libphonenumber rejects the candidate for R. {@code NationalNumberFilterTest}
 * checks this against libphonenumber on many random numbers per region.
 */
final class NationalNumberFilter {

    /** Per-call reusable matchers (a {@link Matcher} is not thread-safe), one slot per pattern of the filter. */
    static final class Scratch {
        private final Matcher[] matchers;

        private Scratch(int patterns) {
            matchers = new Matcher[patterns];
        }

        Matcher matcher(int id, Pattern p, String input) {
            if (id < 0) {
                return p.matcher(input); // a pattern compiled after construction (see countryPlan)
            }
            Matcher m = matchers[id];
            if (m == null) {
                m = p.matcher(input);
                matchers[id] = m;
                return m;
            }
            return m.reset(input);
        }
    }

    /** A regular expression of the metadata; a plain digit string is tested with startsWith. */
    private record Regex(int id, Pattern pattern, String literal) {

        /** The end of a {@code lookingAt} match at the start of {@code s}, or -1. */
        int lookingAt(String s, Scratch scratch) {
            if (literal != null) {
                return s.startsWith(literal) ? literal.length() : -1;
            }
            Matcher m = scratch.matcher(id, pattern, s);
            return m.lookingAt() ? m.end() : -1;
        }
    }

    /** A national prefix for parsing and its transform rule, as {@code maybeStripNationalPrefixAndCarrierCode}. */
    private record NationalPrefix(int id, Pattern pattern, String literal, String rule) {

        /** The number after the prefix is stripped or transformed, or null when the prefix does not match. */
        String strip(String number, Scratch scratch) {
            if (pattern == null || number.isEmpty()) {
                return null;
            }
            if (literal != null && rule.isEmpty()) {
                return number.startsWith(literal) ? number.substring(literal.length()) : null;
            }
            Matcher m = scratch.matcher(id, pattern, number);
            if (!m.lookingAt()) {
                return null;
            }
            if (rule.isEmpty() || m.group(m.groupCount()) == null) {
                return number.substring(m.end());
            }
            return m.replaceFirst(rule);
        }
    }

    /** A number description: its possible lengths (a bit set; all bits when unrestricted) and pattern. */
    private record Desc(int id, long lengths, Pattern pattern) {

        /** {@code isNumberMatchingDesc}: the length is possible and the pattern matches the whole number. */
        boolean matches(String nsn, Scratch scratch) {
            return pattern != null && nsn.length() < 64 && (lengths >>> nsn.length() & 1) != 0
                    && scratch.matcher(id, pattern, nsn).matches();
        }
    }

    /**
     * What parse needs of one region's metadata: the general description (pattern, possible and local-only
     * lengths, sorted as in the metadata) and the national prefix; and what {@code getNumberTypeHelper} needs.
     */
    private record Plan(Desc general, int[] possible, int[] localOnly, NationalPrefix prefix, Desc[] types,
            Desc mobile, boolean sameMobileAndFixedLine) {

        /** {@code matcherApi.matchNationalNumber(number, generalDesc, false)}: the pattern alone. */
        boolean generalPattern(String number, Scratch scratch) {
            return general.pattern() != null && scratch.matcher(general.id(), general.pattern(), number).matches();
        }

        /** {@code maybeStripNationalPrefixAndCarrierCode(number, metadata, null)}: the number after it. */
        String stripNationalPrefix(String number, Scratch scratch) {
            NationalPrefix p = prefix;
            if (number.isEmpty() || p.pattern() == null) {
                return number;
            }
            int end;
            String transformed = null;
            if (p.literal() != null && p.rule().isEmpty()) {
                if (!number.startsWith(p.literal())) {
                    return number;
                }
                end = p.literal().length();
            } else {
                Matcher m = scratch.matcher(p.id(), p.pattern(), number);
                if (!m.lookingAt()) {
                    return number;
                }
                end = m.end();
                if (!p.rule().isEmpty() && m.group(m.groupCount()) != null) {
                    transformed = m.replaceFirst(p.rule());
                }
            }
            boolean viableOriginal = generalPattern(number, scratch);
            String result = transformed != null ? transformed : number.substring(end);
            return viableOriginal && !generalPattern(result, scratch) ? number : result;
        }

        /** {@code testNumberLength(number, metadata)} (type UNKNOWN: the general description's lengths). */
        int testLength(int length) {
            if (possible[0] == -1) {
                return INVALID_LENGTH;
            }
            for (int l : localOnly) {
                if (l == length) {
                    return LOCAL_ONLY;
                }
            }
            if (possible[0] == length) {
                return POSSIBLE;
            } else if (possible[0] > length) {
                return TOO_SHORT;
            } else if (possible[possible.length - 1] < length) {
                return TOO_LONG;
            }
            for (int i = 1; i < possible.length; i++) {
                if (possible[i] == length) {
                    return POSSIBLE;
                }
            }
            return INVALID_LENGTH;
        }

        /** {@code getNumberTypeHelper(nsn, metadata) != UNKNOWN}. */
        boolean valid(String nsn, Scratch scratch) {
            if (!general.matches(nsn, scratch)) {
                return false;
            }
            for (Desc t : types) { // premium rate ... voicemail, fixed line
                if (t.matches(nsn, scratch)) {
                    return true;
                }
            }
            return !sameMobileAndFixedLine && mobile.matches(nsn, scratch);
        }
    }

    private static final int POSSIBLE = 0;
    private static final int TOO_SHORT = 1;
    private static final int TOO_LONG = 2;
    private static final int LOCAL_ONLY = 3;
    private static final int INVALID_LENGTH = 4;

    private record Region(String countryCode, Desc general, Desc[] types, Regex idd, NationalPrefix own,
            NationalPrefix main, int code, Plan ownPlan, Plan mainPlan) {

        /**
         * {@code getNumberTypeHelper(nsn) != UNKNOWN}, or more: the general description, then any type's (mobile
         * tried even when libphonenumber skips it for having the fixed-line pattern).
         */
        boolean fits(String nsn, Scratch scratch) {
            if (nsn == null || !general.matches(nsn, scratch)) {
                return false;
            }
            for (Desc t : types) {
                if (t.matches(nsn, scratch)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code nsn}, or it after {@code prefix}, fits. */
        boolean fitsEither(String nsn, NationalPrefix prefix, Scratch scratch) {
            return fits(nsn, scratch) || fits(prefix.strip(nsn, scratch), scratch);
        }

        boolean mayBeValid(String digits, Scratch scratch) {
            if (fitsEither(digits, own, scratch)) {
                return true;
            }
            if (idd != null) {
                int end = idd.lookingAt(digits, scratch);
                if (end >= 0 && digits.startsWith(countryCode, end)
                        && fitsEither(digits.substring(end + countryCode.length()), main, scratch)) {
                    return true;
                }
            }
            if (digits.startsWith(countryCode)) {
                String rest = digits.substring(countryCode.length());
                if (fitsEither(rest, main, scratch)) {
                    return true;
                }
                String restStripped = own.strip(rest, scratch);
                return restStripped != null && fitsEither(restStripped, main, scratch);
            }
            return false;
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Region[] regions;
    private final PhoneNumberUtil util;
    private int patterns;

    NationalNumberFilter(PhoneNumberUtil util, List<String> regionCodes) {
        this.util = util;
        MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
        regions = new Region[regionCodes.size()];
        for (int i = 0; i < regions.length; i++) {
            String code = regionCodes.get(i);
            PhoneMetadata m = util.getSupportedRegions().contains(code) ? source.getMetadataForRegion(code) : null;
            if (m == null) {
                regions[i] = null; // unknown region: libphonenumber rejects every number for it
                continue;
            }
            // the types getNumberTypeHelper tries after the general description
            List<Desc> types = new ArrayList<>();
            for (PhoneNumberDesc d : List.of(m.getPremiumRate(), m.getTollFree(), m.getSharedCost(), m.getVoip(),
                    m.getPersonalNumber(), m.getPager(), m.getUan(), m.getVoicemail(), m.getFixedLine(),
                    m.getMobile())) {
                types.add(desc(d));
            }
            String idd = m.getInternationalPrefix();
            String mainCode = util.getRegionCodeForCountryCode(m.getCountryCode());
            PhoneMetadata main = mainCode.equals(code) || !util.getSupportedRegions().contains(mainCode) ? m
                    : source.getMetadataForRegion(mainCode);
            NationalPrefix own = prefix(m);
            Desc general = desc(m.getGeneralDesc());
            Desc[] typeDescs = types.toArray(Desc[]::new);
            Plan ownPlan = plan(m, general, own, typeDescs);
            Plan mainPlan = main == null || main == m ? ownPlan : plan(main, desc(main.getGeneralDesc()), prefix(main),
                    null);
            regions[i] = new Region(String.valueOf(m.getCountryCode()), general, typeDescs,
                    idd == null || idd.isEmpty() ? null : regex(idd), own, mainPlan.prefix(), m.getCountryCode(),
                    ownPlan, mainPlan);
        }
    }

    /** {@code types}: premium rate ... fixed line, mobile (as built above); null where only parse uses the plan. */
    private static Plan plan(PhoneMetadata m, Desc general, NationalPrefix prefix, Desc[] types) {
        PhoneNumberDesc g = m.getGeneralDesc();
        int[] possible = g.getPossibleLengthList().stream().mapToInt(Integer::intValue).toArray();
        int[] localOnly = g.getPossibleLengthLocalOnlyList().stream().mapToInt(Integer::intValue).toArray();
        if (possible.length == 0) {
            possible = new int[] {-1}; // never in the metadata; libphonenumber would fail on it: no fast parse
        }
        Desc[] beforeMobile = types == null ? new Desc[0] : java.util.Arrays.copyOf(types, types.length - 1);
        Desc mobile = types == null ? new Desc(-1, 0, null) : types[types.length - 1];
        return new Plan(general, possible, localOnly, prefix, beforeMobile, mobile,
                m.getSameMobileAndFixedLinePattern());
    }

    private Desc desc(PhoneNumberDesc d) {
        return desc(d, patterns++);
    }

    private static Desc desc(PhoneNumberDesc d, int id) {
        if (d == null) {
            return new Desc(id, 0, null);
        }
        long lengths = 0;
        for (int length : d.getPossibleLengthList()) {
            lengths |= length >= 0 && length < 64 ? 1L << length : 0;
        }
        if (d.getPossibleLengthCount() == 0) {
            lengths = -1L; // no length list: libphonenumber checks the pattern alone
        }
        String p = d.getNationalNumberPattern();
        return new Desc(id, lengths, p == null || p.isEmpty() ? null : Pattern.compile(p));
    }

    private Regex regex(String p) {
        return new Regex(patterns++, Pattern.compile(p), DIGITS.matcher(p).matches() ? p : null);
    }

    private NationalPrefix prefix(PhoneMetadata m) {
        return prefix(m, patterns++);
    }

    private static NationalPrefix prefix(PhoneMetadata m, int id) {
        String p = m.getNationalPrefixForParsing();
        String rule = m.getNationalPrefixTransformRule() == null ? "" : m.getNationalPrefixTransformRule();
        return p == null || p.isEmpty() ? new NationalPrefix(id, null, null, rule)
                : new NationalPrefix(id, Pattern.compile(p), DIGITS.matcher(p).matches() ? p : null, rule);
    }

    /** libphonenumber's answer for a candidate that is not a number valid for the region. */
    static final PhoneNumber INVALID = new PhoneNumber();

    /** The ASCII digits of {@code s}. */
    static String digits(String s) {
        StringBuilder d = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        return d.toString();
    }

    /** Characters of a national candidate the fast parse handles: parse keeps its digits and nothing else. */
    static boolean plain(String candidate) {
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(c >= '0' && c <= '9' || c == ' ' || c == '(' || c == ')' || c == '.' || c == '-' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code util.parse(candidate, region)} then {@code isValidNumberForRegion}, step by step as libphonenumber does
     * them (maybeExtractCountryCode, the national prefix, testNumberLength, getNumberTypeHelper) but with this
     * filter's compiled metadata, for a {@link #plain} national candidate with at least 3 digits: such a candidate
     * is viable, has no extension and normalises to its digits. Returns the number parse returns when it is valid
     * for the region, else {@link #INVALID}. {@code NationalNumberFilterTest} compares it with libphonenumber.
     */
    PhoneNumber parseValid(int index, String digits, Scratch scratch) {
        Region r = regions[index];
        if (r == null) {
            return INVALID; // parse fails: invalid default region and no '+'
        }
        Plan plan = r.ownPlan();
        String national = digits;
        int iddEnd = r.idd() == null ? -1 : r.idd().lookingAt(digits, scratch);
        if (iddEnd >= 0 && !(iddEnd < digits.length() && digits.charAt(iddEnd) == '0')) {
            // parsePrefixAsIdd stripped it: a country code must follow (else parse fails)
            String full = digits.substring(iddEnd);
            if (full.length() <= 2 || full.charAt(0) == '0') {
                return INVALID;
            }
            int code = 0;
            int i = 1;
            for (; i <= 3 && i <= full.length(); i++) {
                int potential = Integer.parseInt(full.substring(0, i));
                if (knownCountryCode(potential)) {
                    code = potential;
                    break;
                }
            }
            if (code != r.code()) {
                return INVALID; // unknown (parse fails) or another country's code (never valid for this region)
            }
            national = full.substring(i);
            plan = r.mainPlan();
        } else if (digits.startsWith(r.countryCode())) {
            String potential = r.ownPlan().stripNationalPrefix(digits.substring(r.countryCode().length()), scratch);
            if ((!r.ownPlan().generalPattern(digits, scratch) && r.ownPlan().generalPattern(potential, scratch))
                    || r.ownPlan().testLength(digits.length()) == TOO_LONG) {
                national = potential;
                plan = r.mainPlan();
            }
        }
        if (national.length() < 2) {
            return INVALID;
        }
        String potential = plan.stripNationalPrefix(national, scratch);
        int lengthCheck = plan.testLength(potential.length());
        if (lengthCheck != TOO_SHORT && lengthCheck != LOCAL_ONLY && lengthCheck != INVALID_LENGTH) {
            national = potential;
        }
        if (national.length() < 2 || national.length() > 17 || !r.ownPlan().valid(national, scratch)) {
            return INVALID;
        }
        return number(r.code(), national);
    }

    /**
     * {@code util.parse("+" + digits, "ZZ")} for the digits after the '+' of a {@link #plain} international
     * candidate: the country code (the shortest known one among the first 1 to 3 digits), then the national prefix
     * of its main region (or non-geographical entity) as parseHelper strips it. Null where parse fails.
     */
    PhoneNumber parseInternational(String digits, Scratch scratch) {
        if (digits.length() <= 2 || digits.charAt(0) == '0') {
            return null; // TOO_SHORT_AFTER_IDD, or INVALID_COUNTRY_CODE (the retry without '+' fails for ZZ too)
        }
        int code = 0;
        int i = 1;
        for (; i <= 3 && i <= digits.length(); i++) {
            int potential = Integer.parseInt(digits.substring(0, i));
            if (knownCountryCode(potential)) {
                code = potential;
                break;
            }
        }
        if (code == 0) {
            return null;
        }
        String national = digits.substring(i);
        Plan plan = countryPlan(code);
        if (plan == null || national.length() < 2) {
            return null;
        }
        String potential = plan.stripNationalPrefix(national, scratch);
        int lengthCheck = plan.testLength(potential.length());
        if (lengthCheck != TOO_SHORT && lengthCheck != LOCAL_ONLY && lengthCheck != INVALID_LENGTH) {
            national = potential;
        }
        if (national.length() < 2 || national.length() > 17) {
            return null;
        }
        return number(code, national);
    }

    /** The plan of a country code's main region or non-geographical entity (parse's regionMetadata), compiled once. */
    private Plan countryPlan(int code) {
        return countryPlans.computeIfAbsent(code, c -> {
            String region = util.getRegionCodeForCountryCode(c);
            MetadataSource source = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
            PhoneMetadata m = "001".equals(region) ? source.getMetadataForNonGeographicalRegion(c)
                    : source.getMetadataForRegion(region);
            return m == null ? null : plan(m, desc(m.getGeneralDesc(), -1), prefix(m, -1), null);
        });
    }

    private final java.util.concurrent.ConcurrentHashMap<Integer, Plan> countryPlans =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The PhoneNumber parse builds: country code, national number and its leading zeros. */
    private static PhoneNumber number(int code, String national) {
        PhoneNumber n = new PhoneNumber();
        n.setCountryCode(code);
        if (national.length() > 1 && national.charAt(0) == '0') {
            n.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros != 1) {
                n.setNumberOfLeadingZeros(zeros);
            }
        }
        n.setNationalNumber(Long.parseLong(national));
        return n;
    }

    private boolean knownCountryCode(int code) {
        return !"ZZ".equals(util.getRegionCodeForCountryCode(code));
    }

    /** Matchers for one analysis (one thread). */
    Scratch newScratch() {
        return new Scratch(patterns);
    }

    /**
     * False only if libphonenumber finds no number valid for region {@code index} (of the list given at construction)
     * in a national candidate whose ASCII digits are {@code digits}.
     */
    boolean mayBeValid(int index, String digits, Scratch scratch) {
        Region r = regions[index];
        return r != null && r.mayBeValid(digits, scratch);
    }
}
