package io.edgerouter.privacy.recognizer.secret;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisExplanation;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.Recognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * PEM private-key blocks (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted), from BEGIN to END line inclusive (1.0), or
 * a BEGIN line followed by at least 16 base64 characters when the END line is missing (0.9, a truncated paste).
 *
 * <p>Hand-scanned rather than one lazy regex: the END line is looked up once per block with {@code indexOf}, so a
 * text made of thousands of BEGIN lines without END costs linear time instead of blocks × body length.
 */
public final class PrivateKeyRecognizer implements Recognizer {

    /** Longest body accepted between BEGIN and END lines (characters); real 4096-bit RSA keys take about 3,300. */
    static final int MAX_BODY = 20_000;
    private static final int MIN_TRUNCATED_BODY = 16;
    private static final java.util.regex.Pattern BEGIN = java.util.regex.Pattern.compile(
            "-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----");
    private static final java.util.regex.Pattern END = java.util.regex.Pattern.compile(
            "-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----");

    @Override
    public String name() {
        return "PrivateKeyRecognizer";
    }

    @Override
    public Set<String> supportedEntities() {
        return Set.of(Entities.PRIVATE_KEY);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        String text = input.text();
        if (!text.contains("PRIVATE KEY")) {
            return List.of();
        }
        List<RecognizerResult> out = new ArrayList<>();
        Matcher begin = BEGIN.matcher(text);
        Matcher end = END.matcher(text);
        int endStart = -2; // start of the next END line at or after the current body (-1: none left)
        int firstBad = -1; // first non-body character at or after the current body (text length: none)
        int from = 0;
        while (from < text.length() && begin.find(from)) {
            int bodyStart = begin.end();
            if (endStart != -1 && endStart < bodyStart) {
                endStart = end.find(bodyStart) ? end.start() : -1;
            }
            if (firstBad < bodyStart) { // both pointers only move forward: linear overall
                firstBad = bodyStart;
                while (firstBad < text.length() && isBodyChar(text.charAt(firstBad), true)) {
                    firstBad++;
                }
            }
            if (endStart >= 0 && firstBad >= endStart && endStart - bodyStart <= MAX_BODY) {
                out.add(result(input, begin.start(), end.end(), 1.0, "pem private key"));
                from = end.end();
                continue;
            }
            int truncatedEnd = bodyStart + truncatedBodyLength(text, bodyStart);
            if (truncatedEnd - bodyStart >= MIN_TRUNCATED_BODY) {
                out.add(result(input, begin.start(), trimTrailingSpace(text, bodyStart, truncatedEnd), 0.9,
                        "pem header only (truncated)"));
            }
            from = Math.max(truncatedEnd, bodyStart);
        }
        return out;
    }

    /** Length of the run of base64 and whitespace at {@code from}, at most {@link #MAX_BODY}. */
    private static int truncatedBodyLength(String text, int from) {
        int i = from;
        int limit = Math.min(text.length(), from + MAX_BODY);
        while (i < limit && isBodyChar(text.charAt(i), false)) {
            i++;
        }
        return i - from;
    }

    /** Base64, whitespace, and (inside a complete block) the ':' ',' '-' of "Proc-Type: 4,ENCRYPTED" headers. */
    private static boolean isBodyChar(char c, boolean headersAllowed) {
        boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                || c == '/' || c == '=' || Character.isWhitespace(c);
        return base64 || (headersAllowed && (c == ':' || c == ',' || c == '-'));
    }

    private static int trimTrailingSpace(String text, int from, int to) {
        int e = to;
        while (e > from && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    private RecognizerResult result(AnalysisInput input, int start, int end, double score, String how) {
        AnalysisExplanation why = !input.explain() ? null
                : new AnalysisExplanation(name(), how, null, score, score, "PEM private key block", 0.0, null, null);
        return new RecognizerResult(Entities.PRIVATE_KEY, start, end, score, name(), why);
    }
}
