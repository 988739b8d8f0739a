package io.edgerouter.privacy.api;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.operator.OperatorConfig;
import io.edgerouter.privacy.recognizer.CustomRecognizerSpec;
import io.edgerouter.privacy.recognizer.Recognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Vault;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Presidio-compatible operations the edge agent serves under {@code /v1/privacy/*}: it maps the JSON
 * records to the engines and back, and turns every caller mistake into an {@link InvalidInputException}.
 */
public final class PresidioApi {

    private final PrivacyFilter filter;

    public PresidioApi(PrivacyFilter filter) {
        this.filter = filter;
    }

    public List<AnalyzerResultJson> analyze(AnalyzeRequest req) {
        if (req == null) {
            throw new InvalidInputException("request body is required");
        }
        String language = req.language() == null ? "en" : req.language();
        double threshold = req.scoreThreshold() == null ? filter.config().defaultScoreThreshold() : req.scoreThreshold();
        boolean explain = Boolean.TRUE.equals(req.returnDecisionProcess());
        List<Recognizer> adHoc = compileAdHoc(req.adHocRecognizers());
        List<RecognizerResult> results = filter.analyzer().analyze(req.text(), language, req.entities(), threshold,
                explain, adHoc);
        Set<String> allow = req.allowList() == null ? Set.of() : new HashSet<>(req.allowList());
        List<AnalyzerResultJson> out = new ArrayList<>(results.size());
        for (RecognizerResult r : results) {
            if (!allow.contains(req.text().substring(r.start(), r.end()))) {
                out.add(AnalyzerResultJson.from(r));
            }
        }
        return out;
    }

    /** @param vault the conversation's vault; with it, {@code replace} without new_value yields reversible placeholders */
    public EngineResponse anonymize(AnonymizeRequest req, Vault vault) {
        if (req == null) {
            throw new InvalidInputException("request body is required");
        }
        filter.analyzer().validateText(req.text());
        List<RecognizerResult> spans = new ArrayList<>();
        for (AnalyzerResultJson r : nonNull(req.analyzerResults(), "analyzer_results")) {
            spans.add(r.toResult());
        }
        return EngineResponse.from(filter.anonymize(req.text(), spans, configs(req.anonymizers()), vault));
    }

    public EngineResponse deanonymize(DeanonymizeRequest req, Vault vault) {
        if (req == null) {
            throw new InvalidInputException("request body is required");
        }
        filter.analyzer().validateText(req.text());
        List<RecognizerResult> spans = new ArrayList<>();
        for (OperatorResultJson r : nonNull(req.anonymizerResults(), "anonymizer_results")) {
            if (r.end() == r.start()) {
                continue; // a redacted entity left nothing to restore
            }
            spans.add(new RecognizerResult(r.entityType(), r.start(), r.end(), 1.0, "request"));
        }
        Map<String, OperatorConfig> configs = configs(req.deanonymizers());
        return EngineResponse.from(filter.anonymizer().deanonymize(req.text(), spans, configs, vault));
    }

    /** Presidio's {@code GET /supportedentities}. */
    public List<String> supportedEntities(String language) {
        if (language != null && !filter.analyzer().supportedLanguages().contains(language)) {
            throw new InvalidInputException("language '" + language + "' is not supported; supported: "
                    + new TreeSet<>(filter.analyzer().supportedLanguages()));
        }
        return List.copyOf(new TreeSet<>(filter.analyzer().supportedEntities()));
    }

    private static <T> List<T> nonNull(List<T> list, String field) {
        if (list == null) {
            throw new InvalidInputException(field + " is required (use [] for none)");
        }
        return list;
    }

    private static Map<String, OperatorConfig> configs(Map<String, OperatorConfigJson> json) {
        Map<String, OperatorConfig> out = new LinkedHashMap<>();
        if (json != null) {
            json.forEach((entity, c) -> {
                if (c == null || c.type() == null) {
                    throw new InvalidInputException("operator for '" + entity + "' needs a 'type'");
                }
                out.put(entity, c.toConfig());
            });
        }
        return out;
    }

    static List<Recognizer> compileAdHoc(List<AdHocRecognizer> specs) {
        if (specs == null) {
            return List.of();
        }
        List<Recognizer> out = new ArrayList<>();
        for (AdHocRecognizer a : specs) {
            List<String> context = a.context() == null ? List.of() : a.context();
            String base = a.name() == null ? "ad_hoc_" + out.size() : a.name();
            if (a.patterns() != null) {
                for (AdHocRecognizer.PatternJson p : a.patterns()) {
                    double score = p.score() == null ? 0.5 : p.score();
                    String name = base + (p.name() == null ? "" : "/" + p.name());
                    out.add(new CustomRecognizerSpec(name, a.supportedEntity(), p.regex(), context, score).compile());
                }
            }
            if (a.denyList() != null && !a.denyList().isEmpty()) {
                out.add(new CustomRecognizerSpec(base + "/deny_list", a.supportedEntity(), denyListRegex(a.denyList()),
                        context, 1.0).compile());
            }
        }
        return out;
    }

    /** Whole-word literal alternation: metacharacters are escaped so deny-list words can never act as regex. */
    static String denyListRegex(List<String> words) {
        StringBuilder sb = new StringBuilder("\\b(?:");
        for (int i = 0; i < words.size(); i++) {
            sb.append(i == 0 ? "" : "|");
            for (char c : words.get(i).toCharArray()) {
                sb.append("\\.[]{}()<>*+-=!?^$|/".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
            }
        }
        return sb.append(")\\b").toString();
    }
}
