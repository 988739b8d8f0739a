package io.edgerouter.privacy.api;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.operator.AnonymizerEngine;
import io.edgerouter.privacy.operator.OperatorConfig;
import io.edgerouter.privacy.recognizer.CustomRecognizerSpec;
import io.edgerouter.privacy.recognizer.DenyListRecognizer;
import io.edgerouter.privacy.recognizer.Recognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Vault;
import java.util.ArrayList;
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

    /** Regexes one analyze request may compile (ad-hoc patterns plus regex allow-list entries). */
    public static final int MAX_REQUEST_REGEXES = 64;

    /**
     * The threshold of an analyze request that gives no {@code score_threshold}: Presidio's own default (its
     * analyzer engine's {@code default_score_threshold} is 0), so that a Presidio client gets every result it would get
     * from Presidio, weak pattern matches included, each with its score.
     */
    public static final double PRESIDIO_DEFAULT_SCORE_THRESHOLD = 0.0;

    private final PrivacyFilter filter;

    public PresidioApi(PrivacyFilter filter) {
        this.filter = filter;
    }

    /**
     * Presidio's {@code POST /analyze}.
     *
     * @throws InvalidInputException naming the offending field: {@code text} (missing, empty, too long),
     *                               {@code language}, {@code entities[i]} (unknown), {@code score_threshold},
     *                               {@code ad_hoc_recognizers[i]...} (invalid RE2 regex), {@code allow_list...}
     */
    public List<AnalyzerResultJson> analyze(AnalyzeRequest req) {
        requireBody(req);
        filter.analyzer().validateText(req.text());
        String language = req.language() == null ? "en" : req.language();
        double threshold = req.scoreThreshold() == null ? PRESIDIO_DEFAULT_SCORE_THRESHOLD : req.scoreThreshold();
        boolean explain = Boolean.TRUE.equals(req.returnDecisionProcess());
        int flags = re2Flags(req.regexFlags());
        List<Recognizer> adHoc = compileAdHoc(req.adHocRecognizers(), flags);
        AllowList allow = AllowList.of(req.allowList(), req.allowListMatch(), flags);
        List<RecognizerResult> results = filter.analyzer().analyze(req.text(), language, req.entities(), threshold,
                explain, adHoc, req.context());
        List<AnalyzerResultJson> out = new ArrayList<>(results.size());
        for (RecognizerResult r : results) {
            if (!allow.allows(req.text().substring(r.start(), r.end()))) {
                out.add(AnalyzerResultJson.from(r));
            }
        }
        return out;
    }

    /**
     * Presidio's {@code POST /anonymize}.
     *
     * @param vault the conversation's vault; with it, {@code replace} without new_value yields reversible
     *              placeholders ({@code <PERSON_1>}); null gives Presidio's {@code <PERSON>}
     * @throws InvalidInputException naming the offending field: {@code text}, {@code analyzer_results[i].end},
     *                               {@code anonymizers.PERSON.type} (unknown operator), {@code anonymizers.X}
     *                               (unknown entity), {@code anonymizers.DEFAULT.key}...
     */
    public EngineResponse anonymize(AnonymizeRequest req, Vault vault) {
        requireBody(req);
        filter.analyzer().validateText(req.text());
        List<RecognizerResult> spans = new ArrayList<>();
        List<AnalyzerResultJson> results = nonNull(req.analyzerResults(), "analyzer_results");
        for (int i = 0; i < results.size(); i++) {
            try {
                spans.add(nonNullItem(results.get(i)).toResult());
            } catch (InvalidInputException e) {
                throw e.under("analyzer_results[" + i + "]");
            }
        }
        Map<String, OperatorConfig> configs = configs(req.anonymizers(), "anonymizers", spans);
        return EngineResponse.from(filter.anonymize(req.text(), spans, configs, vault));
    }

    /**
     * Presidio's {@code POST /deanonymize}: {@code decrypt} (with the key) or {@code restore} (vault placeholders).
     *
     * @throws InvalidInputException naming the offending field, e.g. {@code deanonymizers.DEFAULT.key}
     */
    public EngineResponse deanonymize(DeanonymizeRequest req, Vault vault) {
        requireBody(req);
        filter.analyzer().validateText(req.text());
        List<RecognizerResult> spans = new ArrayList<>();
        List<OperatorResultJson> items = nonNull(req.anonymizerResults(), "anonymizer_results");
        for (int i = 0; i < items.size(); i++) {
            OperatorResultJson r = items.get(i);
            try {
                nonNullItem(r);
                AnalyzerResultJson.require(r.entityType(), "entity_type");
                AnalyzerResultJson.require(r.start(), "start");
                AnalyzerResultJson.require(r.end(), "end");
                if (r.end().equals(r.start())) {
                    continue; // a redacted entity left nothing to restore
                }
                spans.add(new RecognizerResult(r.entityType(), r.start(), r.end(), 1.0, "request"));
            } catch (InvalidInputException e) {
                throw e.under("anonymizer_results[" + i + "]");
            }
        }
        Map<String, OperatorConfig> configs = configs(req.deanonymizers(), "deanonymizers", spans);
        return EngineResponse.from(filter.anonymizer().deanonymize(req.text(), spans, configs, vault));
    }

    /** Presidio's {@code GET /supportedentities}. */
    public List<String> supportedEntities(String language) {
        if (language != null && !filter.analyzer().supportedLanguages().contains(language)) {
            throw new InvalidInputException("language", "'" + language + "' is not supported; supported: "
                    + new TreeSet<>(filter.analyzer().supportedLanguages()));
        }
        return List.copyOf(new TreeSet<>(filter.analyzer().supportedEntities()));
    }

    private static void requireBody(Object req) {
        if (req == null) {
            throw new InvalidInputException("", "a JSON request body is required");
        }
    }

    private static <T> T nonNullItem(T item) {
        if (item == null) {
            throw new InvalidInputException("", "must be an object, got null");
        }
        return item;
    }

    private static <T> List<T> nonNull(List<T> list, String field) {
        if (list == null) {
            throw new InvalidInputException(field, "is required (use [] for none)");
        }
        return list;
    }

    /**
     * Operator configs by entity. A key must be {@code DEFAULT}, an entity this filter detects, or an entity present
     * in the request's results (e.g. from an ad-hoc recognizer): anything else is a typo that would silently leave
     * values unprotected.
     */
    private Map<String, OperatorConfig> configs(Map<String, OperatorConfigJson> json, String field,
                                                List<RecognizerResult> spans) {
        Map<String, OperatorConfig> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        Set<String> known = new TreeSet<>(filter.analyzer().supportedEntities());
        spans.forEach(s -> known.add(s.entityType()));
        json.forEach((entity, c) -> {
            String path = field + "." + entity;
            if (!AnonymizerEngine.DEFAULT.equals(entity) && !known.contains(entity)) {
                throw new InvalidInputException(path, "unknown entity '" + entity + "'; use DEFAULT or one of "
                        + known);
            }
            if (c == null || c.type() == null || c.type().isBlank()) {
                throw new InvalidInputException(path + ".type", "is required (e.g. replace, mask, redact, hash,"
                        + " encrypt, keep; decrypt or restore to deanonymize)");
            }
            out.put(entity, c.toConfig());
        });
        return out;
    }

    /** Python {@code re} flag bits as Presidio sends them, mapped to RE2/J flags. */
    static int re2Flags(Integer pythonFlags) {
        int py = pythonFlags == null ? PY_IGNORECASE | PY_MULTILINE | PY_DOTALL : pythonFlags;
        if (py < 0) {
            throw new InvalidInputException("regex_flags", "must be a non-negative integer of Python re flags"
                    + " (IGNORECASE 2, MULTILINE 8, DOTALL 16), got " + py);
        }
        int flags = 0;
        flags |= (py & PY_IGNORECASE) != 0 ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0;
        flags |= (py & PY_MULTILINE) != 0 ? com.google.re2j.Pattern.MULTILINE : 0;
        flags |= (py & PY_DOTALL) != 0 ? com.google.re2j.Pattern.DOTALL : 0;
        return flags;
    }

    private static final int PY_IGNORECASE = 2;
    private static final int PY_MULTILINE = 8;
    private static final int PY_DOTALL = 16;

    static List<Recognizer> compileAdHoc(List<AdHocRecognizer> specs, int re2Flags) {
        if (specs == null) {
            return List.of();
        }
        long patterns = specs.stream().filter(a -> a != null && a.patterns() != null)
                .mapToLong(a -> a.patterns().size()).sum();
        if (patterns > MAX_REQUEST_REGEXES) {
            throw new InvalidInputException("ad_hoc_recognizers", "at most " + MAX_REQUEST_REGEXES
                    + " patterns per request, got " + patterns);
        }
        List<Recognizer> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            try {
                out.addAll(compileAdHoc(nonNullItem(specs.get(i)), i, re2Flags));
            } catch (InvalidInputException e) {
                throw e.under("ad_hoc_recognizers[" + i + "]");
            }
        }
        return out;
    }

    private static List<Recognizer> compileAdHoc(AdHocRecognizer a, int index, int re2Flags) {
        List<Recognizer> out = new ArrayList<>();
        List<String> context = a.context() == null ? List.of() : a.context();
        String base = a.name() == null ? "ad_hoc_" + index : a.name();
        if (a.supportedEntity() == null) {
            throw new InvalidInputException("supported_entity", "is required (e.g. EMPLOYEE_ID)");
        }
        for (int j = 0; j < context.size(); j++) {
            if (context.get(j) == null || context.get(j).isBlank()) {
                throw new InvalidInputException("context[" + j + "]", "context words must be non-blank strings");
            }
        }
        boolean hasPatterns = a.patterns() != null && !a.patterns().isEmpty();
        boolean hasDenyList = a.denyList() != null && !a.denyList().isEmpty();
        if (!hasPatterns && !hasDenyList) {
            throw new InvalidInputException("patterns", "an ad-hoc recognizer needs at least one pattern or a deny_list");
        }
        for (int j = 0; hasPatterns && j < a.patterns().size(); j++) {
            AdHocRecognizer.PatternJson p = a.patterns().get(j);
            try {
                nonNullItem(p);
                double score = p.score() == null ? 0.5 : p.score();
                String name = base + "/" + (p.name() == null ? "pattern_" + j : p.name());
                out.add(new CustomRecognizerSpec(name, a.supportedEntity(), p.regex(), context, score).compile(re2Flags));
            } catch (InvalidInputException e) {
                InvalidInputException located = e.field().equals("entity_type")
                        ? new InvalidInputException("supported_entity", e.rule()) : e;
                throw located.field().equals("supported_entity") ? located : located.under("patterns[" + j + "]");
            }
        }
        if (hasDenyList) {
            for (int j = 0; j < a.denyList().size(); j++) {
                if (a.denyList().get(j) == null || a.denyList().get(j).isBlank()) {
                    throw new InvalidInputException("deny_list[" + j + "]", "deny-list entries must be non-blank");
                }
            }
            try {
                out.add(new DenyListRecognizer(base + "/deny_list", a.supportedEntity(), a.denyList(),
                        (re2Flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0));
            } catch (InvalidInputException e) {
                throw e.field().equals("entity_type") ? new InvalidInputException("supported_entity", e.rule()) : e;
            }
        }
        return out;
    }
}
