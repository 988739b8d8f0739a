package io.edgerouter.privacy.recognizer.generic;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisExplanation;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompiledPattern;
import io.edgerouter.privacy.recognizer.ContextEnhancer;
import io.edgerouter.privacy.recognizer.Recognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Phone numbers (PHONE_NUMBER), as Presidio's PhoneRecognizer finds them with libphonenumber.
 *
 * <p>Formats: international ("+44 20 7946 0958", "0049 30 1234567", "+55 11 98456 5666") validated for their own
 * country; national ("(415) 555-0132", "09-7625400", "090-1234-5678") validated against each configured region in
 * turn (Presidio's defaults US, GB, DE, FR, IL, IN, CA, BR and ours IT, ES, NL, AU, MX, JP, CH, IE, SE, PL);
 * groups separated by spaces, dashes, dots, slashes or parentheses. A cheap regex finds the candidates, so
 * libphonenumber runs only on digit runs that look like numbers; a candidate glued to letters ("is415-555-0132") is
 * not a number, as with Presidio's default leniency (VALID). A candidate of digits and " ().-/" is parsed and
 * validated by {@link NationalNumberFilter}, which repeats libphonenumber's own steps over its compiled metadata
 * (same answers, checked against libphonenumber by its test); any other goes to libphonenumber, each region first
 * passing the filter's exact pre-check.
 *
 * <p>Check: libphonenumber's {@code isValidNumber}. Ladder: 0.4 for a valid formatted or international number
 * (Presidio's flat score), 0.3 for a bare digit run or a national number grouped by spaces only (each is as likely
 * an order, tracking or account number; Presidio gives them 0.4), invalid numbers dropped; +0.35 with context. Context: Presidio's "phone", "number", "telephone", "cell",
 * "cellphone", "mobile", "call" and "tel", "fax", "whatsapp", "ring", "contact", "reach", "dial", "text", "sms",
 * "hotline", "landline".
 */
public final class PhoneRecognizer implements Recognizer {

    /** Regions tried for numbers written without a country code. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IL", "IN", "IT", "ES",
            "NL", "BR", "AU", "CA", "MX", "JP", "CH", "IE", "SE", "PL");

    private static final CompiledPattern CANDIDATE = CompiledPattern.jdk(
            "(?<![\\w+.,/-])(?:\\+|00)?\\(?\\d[\\d\\s().\\-/]{5,22}\\d(?![\\w-]|[.,/]\\d)",
            StartGate.first(StartGate.Chars.DIGIT.or(StartGate.Chars.of("+(")), StartGate.Chars.WORD)
                    .withRun(StartGate.Chars.DIGIT.or(StartGate.Chars.of("+().-/ \t\n\u000B\f\r")), 7));
    private static final java.util.regex.Pattern DATE_OR_IP = java.util.regex.Pattern.compile(
            "\\d{1,4}([./-])\\d{1,2}\\1\\d{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3}|\\d{3}-\\d{2}-\\d{4}|\\d{4}-\\d{4}-\\d{4}");
    private static final Set<String> CONTEXT = Set.of("phone", "telephone", "tel", "mobile", "cell", "cellphone", "call", "fax",
            "whatsapp", "ring", "contact", "reach", "dial", "text", "sms", "hotline", "landline",
            // the words of the other languages the analyzer accepts
            "nummer", "telefon", "telefonnummer", "handy", "numero", "numéro", "téléphone", "portable", "teléfono",
            "telefono", "móvil", "cellulare", "telemóvel", "telefoon");

    /** Words that make a following "number" some other identifier's: "passport number", "account number". */
    private static final Set<String> OTHER_NUMBERS = Set.of("passport", "account", "card", "credit", "debit", "order",
            "invoice", "routing", "tracking", "serial", "reference", "ref", "id", "identification", "security", "ssn",
            "license", "licence", "policy", "customer", "member", "membership", "ticket", "case", "iban", "bank", "tax",
            "vat", "insurance", "patient", "nhs", "employee", "confirmation", "booking", "part", "model", "version",
            "item", "product", "transaction", "registration", "document", "certificate", "itin", "check", "cheque",
            "contract", "claim", "shipment", "parcel", "batch", "lot", "house", "room", "flight", "seat", "page");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final List<String> regions;
    /** Skips the regions whose metadata a national candidate's digits cannot fit (exact: see the class). */
    private final NationalNumberFilter nationalFilter;

    public PhoneRecognizer() {
        this(DEFAULT_REGIONS);
    }

    public PhoneRecognizer(List<String> regions) {
        this.regions = List.copyOf(regions);
        this.nationalFilter = new NationalNumberFilter(util, this.regions);
    }

    @Override
    public String name() {
        return "PhoneRecognizer";
    }

    @Override
    public Set<String> supportedEntities() {
        return Set.of(Entities.PHONE_NUMBER);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        List<RecognizerResult> out = new ArrayList<>();
        String text = input.text();
        // libphonenumber costs microseconds per region; a text repeating one candidate must not pay that each time
        Map<String, Valid> byCandidate = new HashMap<>();
        NationalNumberFilter.Scratch scratch = nationalFilter.newScratch();
        CANDIDATE.forEachMatch(input, (s, e) -> {
            int end = e;
            while (end > s && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            RecognizerResult r = check(input, s, end, byCandidate, scratch);
            if (r != null) {
                out.add(r);
            }
        });
        return out;
    }

    /** A valid number: its region and libphonenumber's parse of it; {@link #NONE} for an invalid candidate. */
    private record Valid(String region, PhoneNumber number) {
    }

    private static final Valid NONE = new Valid("", null);

    private RecognizerResult check(AnalysisInput input, int start, int e, Map<String, Valid> byCandidate,
            NationalNumberFilter.Scratch scratch) {
        int s = start;
        if (input.text().charAt(s) == '(' && input.text().substring(s, e).indexOf(')') < 0) {
            s++; // "(030-99-2677" : the parenthesis opens a remark, it is not an area code
        }
        String candidate = input.text().substring(s, e);
        int digits = 0;
        for (int i = 0; i < candidate.length(); i++) {
            if (Character.isDigit(candidate.charAt(i))) {
                digits++;
            }
        }
        if (digits < 7 || digits > 15 || candidate.indexOf('\n') >= 0 || !plausibleGrouping(candidate)
                || DATE_OR_IP.matcher(candidate).matches()) {
            return null;
        }
        boolean international = candidate.startsWith("+") || candidate.startsWith("00");
        boolean bare = digits == candidate.length();
        // a national number grouped by spaces alone counts as formatted only when its groups are the region's own
        // ("01 42 68 53 00" in France, "020 7946 0958" in the UK); other groupings ("853 412 000", "5268 5489 0364")
        // are as likely tracking, catalogue or ticket numbers as a bare digit run
        boolean spacesOnly = !bare && !international && candidate.chars().allMatch(c -> Character.isDigit(c) || c == ' ');
        double base = bare ? 0.3 : 0.4; // spaces-only: the best it can be, until its grouping is checked
        if (ContextEnhancer.boosted(base) < input.minScore()) {
            return null; // could never be reported, not even with context
        }
        // the context words are looked up before libphonenumber only when the score needs them to be reported
        boolean needsContext = base < input.minScore();
        String word = needsContext ? contextWord(input, s, e) : null;
        if (needsContext && word == null) {
            return null; // could never be reported: spare the libphonenumber calls (17 regions for a failing number)
        }
        Valid valid = byCandidate.computeIfAbsent(candidate,
                c -> Objects.requireNonNullElse(international ? validInternational(c, scratch) : validNational(c, scratch), NONE));
        if (valid == NONE) {
            return null;
        }
        String region = valid.region();
        if (!needsContext) {
            word = contextWord(input, s, e);
        }
        double score = word == null ? base : ContextEnhancer.boosted(base);
        if (spacesOnly && !nationalGrouping(candidate, valid.number())) {
            base = 0.3;
            score = word == null ? base : ContextEnhancer.boosted(base);
            if (score < input.minScore()) {
                return null;
            }
        }
        AnalysisExplanation why = !input.explain() ? null : new AnalysisExplanation(name(), null, null, base, score,
                "valid phone number for region " + region, score - base, word, Boolean.TRUE);
        return new RecognizerResult(Entities.PHONE_NUMBER, s, e, score, name(), why);
    }

    /** The supporting word near [s, e): one of {@link #CONTEXT}, else "number" (see {@link #numberWordNear}), or null. */
    private static String contextWord(AnalysisInput input, int s, int e) {
        String word = supportingWord(input, s, e);
        return word == null && numberWordNear(input, s, e) ? "number" : word;
    }

    /** Words {@link ContextEnhancer} looks at before and after a match. */
    private static final int WORDS_BEFORE = 6;
    private static final int WORDS_AFTER = 2;

    /**
     * {@code ContextEnhancer.supportingWord(input, s, e, CONTEXT)}, without trying every context word on every word:
     * a context word supports a text word equal to it or starting with it and at most 2 characters shorter (and at
     * least 3 long), so only the word and its two prefixes one and two characters shorter are looked up. (Where two
     * context words both fit, ContextEnhancer names the first in the set's iteration order, which varies from run to
     * run; this names the longer.)
     */
    static String supportingWord(AnalysisInput input, int start, int end) {
        Set<String> extra = input.extraContext();
        int before = input.lastWordEndingBefore(start);
        for (int i = before; i >= 0 && i > before - WORDS_BEFORE; i--) {
            String hit = contextMatch(input.lowerWord(i), extra);
            if (hit != null) {
                return hit;
            }
        }
        int after = input.firstWordAtOrAfter(end);
        for (int i = after; i < input.wordCount() && i < after + WORDS_AFTER; i++) {
            String hit = contextMatch(input.lowerWord(i), extra);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static String contextMatch(String word, Set<String> extra) {
        String hit = prefixMatch(word, CONTEXT);
        return hit != null || extra.isEmpty() ? hit : prefixMatch(word, extra);
    }

    private static String prefixMatch(String word, Set<String> words) {
        if (words.contains(word)) {
            return word;
        }
        for (int cut = 1; cut <= 2 && word.length() - cut >= 3; cut++) {
            String prefix = word.substring(0, word.length() - cut);
            if (words.contains(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    /**
     * Presidio's context word "number" ("my US number is ..."), within the context window, unless it names another
     * identifier ("passport number", "account number": those digit runs are not phone numbers).
     */
    static boolean numberWordNear(AnalysisInput input, int start, int end) {
        int before = input.lastWordEndingBefore(start);
        for (int i = before; i >= 0 && i > before - 6; i--) {
            if (isPhoneNumberWord(input, i)) {
                return true;
            }
        }
        int after = input.firstWordAtOrAfter(end);
        for (int i = after; i < input.wordCount() && i < after + 2; i++) {
            if (isPhoneNumberWord(input, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPhoneNumberWord(AnalysisInput input, int i) {
        String w = input.lowerWord(i);
        return (w.equals("number") || w.equals("numbers")) && (i == 0 || !OTHER_NUMBERS.contains(input.lowerWord(i - 1)));
    }

    /**
     * Cheap shape test before libphonenumber: at most 7 digit groups, no two single-digit groups in a row
     * ("0 0 0 0"), and at least 3 distinct digits. Real numbers in every supported region pass.
     */
    static boolean plausibleGrouping(String candidate) {
        int groups = 0;
        int run = 0;
        int previousRun = 0;
        int seenDigits = 0; // bit set of digit values
        for (int i = 0; i <= candidate.length(); i++) {
            char c = i < candidate.length() ? candidate.charAt(i) : ' ';
            if (c >= '0' && c <= '9') {
                run++;
                seenDigits |= 1 << (c - '0');
            } else if (run > 0) {
                groups++;
                if (run == 1 && previousRun == 1) {
                    return false;
                }
                previousRun = run;
                run = 0;
            }
        }
        return groups <= 7 && Integer.bitCount(seenDigits) >= 3;
    }

    private Valid validInternational(String candidate, NationalNumberFilter.Scratch scratch) {
        String rest = candidate.substring(candidate.startsWith("00") ? 2 : 1);
        PhoneNumber n;
        if (NationalNumberFilter.plain(rest)) {
            n = nationalFilter.parseInternational(NationalNumberFilter.digits(rest), scratch); // parse's own steps
        } else {
            n = parse("+" + rest, "ZZ");
        }
        if (n == null) {
            return null;
        }
        String region = util.getRegionCodeForNumber(n); // isValidNumber(n) is exactly this and the next test
        return util.isValidNumberForRegion(n, region) ? new Valid(region, n) : null;
    }

    /** Whether the candidate's digit groups are those of its national format ({@code n}: its parse in its region). */
    private boolean nationalGrouping(String candidate, PhoneNumber n) {
        return n != null && groups(util.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)).equals(groups(candidate));
    }

    /** Lengths of the digit runs: "(415) 555-0132" and "415 555 0132" are both [3, 3, 4]. */
    static java.util.List<Integer> groups(String s) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        int run = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                run++;
            } else if (run > 0) {
                out.add(run);
                run = 0;
            }
        }
        return out;
    }

    private Valid validNational(String candidate, NationalNumberFilter.Scratch scratch) {
        String d = NationalNumberFilter.digits(candidate);
        // a plain candidate (digits and " ().-/") is parsed by the filter's own copy of libphonenumber's steps
        boolean plain = NationalNumberFilter.plain(candidate);
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            if (plain) {
                PhoneNumber n = nationalFilter.parseValid(i, d, scratch);
                if (n != NationalNumberFilter.INVALID) {
                    return new Valid(region, n);
                }
                continue;
            }
            if (!nationalFilter.mayBeValid(i, d, scratch)) {
                continue; // libphonenumber would reject it for this region
            }
            PhoneNumber n = parse(candidate, region);
            if (n != null && util.isValidNumberForRegion(n, region)) {
                return new Valid(region, n);
            }
        }
        return null;
    }

    private PhoneNumber parse(String candidate, String region) {
        try {
            return util.parse(candidate, region);
        } catch (NumberParseException e) {
            return null; // not a phone number in this region: the next region may still accept it
        }
    }
}
