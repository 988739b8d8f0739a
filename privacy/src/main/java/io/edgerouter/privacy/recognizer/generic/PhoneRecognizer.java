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
 * Phone numbers validated by libphonenumber. A cheap regex finds digit runs that look like phone numbers;
 * international ones ("+44 ...", "0049 ...") are validated for their own country, national ones against each
 * configured region in turn. Formatted numbers start at 0.4, bare digit runs at 0.3 (they are as likely to be
 * account or order numbers); words such as "phone" or "call" nearby raise the score.
 */
public final class PhoneRecognizer implements Recognizer {

    /** Regions tried for numbers written without a country code. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR", "IN", "IT", "ES", "NL",
            "BR", "AU", "CA", "MX", "JP", "CH", "IE", "SE", "PL");

    private static final CompiledPattern CANDIDATE = CompiledPattern.jdk(
            "(?<![\\w+.,/-])(?:\\+|00)?\\(?\\d[\\d\\s().\\-/]{5,22}\\d(?![\\w-]|[.,/]\\d)",
            StartGate.first(StartGate.Chars.DIGIT.or(StartGate.Chars.of("+(")), StartGate.Chars.WORD)
                    .withRun(StartGate.Chars.DIGIT.or(StartGate.Chars.of("+().-/ \t\n\u000B\f\r")), 7));
    private static final java.util.regex.Pattern DATE_OR_IP = java.util.regex.Pattern.compile(
            "\\d{1,4}([./-])\\d{1,2}\\1\\d{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3}|\\d{3}-\\d{2}-\\d{4}|\\d{4}-\\d{4}-\\d{4}");
    private static final Set<String> CONTEXT = Set.of("phone", "telephone", "tel", "mobile", "cell", "call", "fax",
            "whatsapp", "ring", "contact", "reach", "dial", "text", "sms", "hotline", "landline");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final List<String> regions;

    public PhoneRecognizer() {
        this(DEFAULT_REGIONS);
    }

    public PhoneRecognizer(List<String> regions) {
        this.regions = List.copyOf(regions);
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
        Map<String, String> regionByCandidate = new HashMap<>();
        CANDIDATE.forEachMatch(input, (s, e) -> {
            int end = e;
            while (end > s && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            RecognizerResult r = check(input, s, end, regionByCandidate);
            if (r != null) {
                out.add(r);
            }
        });
        return out;
    }

    private RecognizerResult check(AnalysisInput input, int start, int e, Map<String, String> regionByCandidate) {
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
        double base = international ? 0.6 : bare ? 0.3 : 0.4;
        String word = ContextEnhancer.supportingWord(input, s, e, CONTEXT);
        double score = word == null ? base : ContextEnhancer.boosted(base);
        if (score < input.minScore()) {
            return null; // could never be reported: spare the libphonenumber calls (17 regions for a failing number)
        }
        String region = regionByCandidate.computeIfAbsent(candidate,
                c -> Objects.requireNonNullElse(international ? validInternational(c) : validNational(c), ""));
        if (region.isEmpty()) {
            return null;
        }
        AnalysisExplanation why = !input.explain() ? null : new AnalysisExplanation(name(), null, null, base, score,
                "valid phone number for region " + region, score - base, word, Boolean.TRUE);
        return new RecognizerResult(Entities.PHONE_NUMBER, s, e, score, name(), why);
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

    private String validInternational(String candidate) {
        String normalized = candidate.startsWith("00") ? "+" + candidate.substring(2) : candidate;
        PhoneNumber n = parse(normalized, "ZZ");
        return n != null && util.isValidNumber(n) ? util.getRegionCodeForNumber(n) : null;
    }

    private String validNational(String candidate) {
        for (String region : regions) {
            PhoneNumber n = parse(candidate, region);
            if (n != null && util.isValidNumberForRegion(n, region)) {
                return region;
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
