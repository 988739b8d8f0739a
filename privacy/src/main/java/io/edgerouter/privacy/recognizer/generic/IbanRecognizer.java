package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisExplanation;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompiledPattern;
import io.edgerouter.privacy.recognizer.Recognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IBANs (IBAN_CODE), as Presidio's IbanRecognizer finds them.
 *
 * <p>Formats: country code, two check digits and the BBAN, compact ("DE89370400440532013000") or grouped by single
 * spaces or dashes ("DE89 3704 0044 ...", "AL47-2121-..."; Presidio allows separators only every four characters,
 * we anywhere after the check digits). Upper-case only, as Presidio. The country fixes the length (ISO 13616
 * registry, 89 countries including those Presidio's table lists), so the span ends exactly where the IBAN ends
 * even when an upper-case word follows ("... 8901 X in a sentence").
 *
 * <p>Check: ISO 7064 MOD 97-10. Ladder: Presidio's pattern score 0.5 is never reported: the checksum passes (1.0)
 * or the candidate is dropped, as in Presidio. Context (not needed: every result is 1.0): "iban", "bank",
 * "account", "transfer", "wire", "sepa", "transaction".
 */
public final class IbanRecognizer implements Recognizer {

    /** IBAN length per country (ISO 13616 registry). */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24),
            Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22),
            Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21),
            Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LI", 21),
            Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24),
            Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24),
            Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TN", 24),
            Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VG", 24), Map.entry("XK", 20),
            Map.entry("BY", 28), Map.entry("TL", 23), Map.entry("VA", 22), Map.entry("IQ", 23), Map.entry("LC", 32),
            Map.entry("SC", 31), Map.entry("LY", 25), Map.entry("BI", 27), Map.entry("DJ", 27), Map.entry("FK", 18),
            Map.entry("MN", 20), Map.entry("NI", 28), Map.entry("OM", 23), Map.entry("RU", 33), Map.entry("SD", 18),
            Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("YE", 30), Map.entry("HN", 28));

    private static final CompiledPattern START = CompiledPattern.jdk(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?=[ -]?[A-Z0-9])", StartGate.first(StartGate.Chars.UPPER, StartGate.Chars.ALNUM)
                    .withCharAt(1, StartGate.Chars.UPPER).withCharAt(2, StartGate.Chars.DIGIT).withCharAt(3, StartGate.Chars.DIGIT));
    private static final Set<String> CONTEXT = Set.of("iban", "bank", "account", "transfer", "wire", "sepa",
            "transaction");

    @Override
    public String name() {
        return "IbanRecognizer";
    }

    @Override
    public Set<String> supportedEntities() {
        return Set.of(Entities.IBAN_CODE);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        List<RecognizerResult> out = new ArrayList<>();
        String text = input.text();
        START.forEachMatch(text, (s, e) -> {
            Integer length = LENGTHS.get(text.substring(s, s + 2));
            if (length == null) {
                return;
            }
            int end = endOfIban(text, s, length);
            if (end < 0 || !checksumValid(text.substring(s, end))) {
                return;
            }
            AnalysisExplanation why = !input.explain() ? null : new AnalysisExplanation(name(), "iban", null, 0.5,
                    1.0, "mod-97 checksum passed", 0.0, null, Boolean.TRUE);
            out.add(new RecognizerResult(Entities.IBAN_CODE, s, end, 1.0, name(), why));
        });
        return out;
    }

    /** Offset after the {@code length}-th alphanumeric char, allowing one space or dash between chars; -1 if short. */
    static int endOfIban(String text, int start, int length) {
        int count = 0;
        int i = start;
        while (i < text.length() && count < length) {
            char c = text.charAt(i);
            if (isUpperAlnum(c)) {
                count++;
                i++;
            } else if ((c == ' ' || c == '-') && count >= 4 && i + 1 < text.length() && isUpperAlnum(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (count < length || (i < text.length() && Character.isLetterOrDigit(text.charAt(i)))) {
            return -1;
        }
        return i;
    }

    private static boolean isUpperAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** ISO 7064 MOD 97-10: move the first four chars to the end, letters become 10..35, remainder must be 1. */
    public static boolean checksumValid(String iban) {
        String compact = iban.replace(" ", "").replace("-", "");
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int v = Character.digit(rearranged.charAt(i), 36);
            remainder = v < 10 ? (remainder * 10 + v) % 97 : (remainder * 100 + v) % 97;
        }
        return remainder == 1;
    }
}
