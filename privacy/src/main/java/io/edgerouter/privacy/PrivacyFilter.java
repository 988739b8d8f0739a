package io.edgerouter.privacy;

import io.edgerouter.privacy.operator.AnonymizerEngine;
import io.edgerouter.privacy.operator.EngineResult;
import io.edgerouter.privacy.operator.OperatorConfig;
import io.edgerouter.privacy.recognizer.AnalyzerEngine;
import io.edgerouter.privacy.recognizer.RecognizerRegistry;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Deanonymizer;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.privacy.vault.Vault;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The library's front door for the edge agent: analyze, anonymize (reversibly through a per-conversation
 * {@link Vault}), and de-anonymize whole answers or streams. Thread-safe; build one per policy. Vaults are not
 * the filter's: keep them in a {@link io.edgerouter.privacy.vault.VaultStore} that lives as long as the process, so
 * that a new policy (a new filter) still restores the placeholders of ongoing conversations.
 *
 * <pre>{@code
 * PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults());
 * Vault vault = vaults.vaultFor(appId, conversationId);   // a VaultStore that outlives filters; or new Vault()
 * EngineResult masked = filter.pseudonymize(prompt, vault); // "Mail <EMAIL_ADDRESS_1> ..."
 * String answer = filter.deanonymize(cloudAnswer, vault);
 * }</pre>
 */
public final class PrivacyFilter {

    private final PrivacyConfig config;
    private final AnalyzerEngine analyzer;
    private final AnonymizerEngine anonymizer;

    private PrivacyFilter(PrivacyConfig config, AnalyzerEngine analyzer, AnonymizerEngine anonymizer) {
        this.config = config;
        this.analyzer = analyzer;
        this.anonymizer = anonymizer;
    }

    /** Built-in recognizers plus the config's custom ones (an invalid custom pattern fails here, with its message). */
    public static PrivacyFilter create(PrivacyConfig config) {
        RecognizerRegistry registry = RecognizerRegistry.builtIn().addCustom(config.customRecognizers());
        return new PrivacyFilter(config, registry.toAnalyzer(config.languages(), config.maxTextLength()),
                new AnonymizerEngine());
    }

    public static PrivacyFilter create(PrivacyConfig config, RecognizerRegistry registry) {
        return new PrivacyFilter(config, registry.toAnalyzer(config.languages(), config.maxTextLength()),
                new AnonymizerEngine());
    }

    public PrivacyConfig config() {
        return config;
    }

    public AnalyzerEngine analyzer() {
        return analyzer;
    }

    public AnonymizerEngine anonymizer() {
        return anonymizer;
    }

    /** @param entities null or empty for all; @param threshold in [0, 1] */
    public List<RecognizerResult> analyze(String text, String language, Collection<String> entities, double threshold) {
        return analyzer.analyze(text, language, entities, threshold);
    }

    /** Analysis with the configured default threshold, all entities, English. */
    public List<RecognizerResult> analyze(String text) {
        return analyze(text, "en", null, config.defaultScoreThreshold());
    }

    public EngineResult anonymize(String text, List<RecognizerResult> results, Map<String, OperatorConfig> operators,
                                  Vault vault) {
        analyzer.validateText(text);
        return anonymizer.anonymize(text, results, operators, vault, config.conflictResolution());
    }

    /** Analyze, then replace every entity by its vault placeholder ({@code <EMAIL_ADDRESS_1>}). */
    public EngineResult pseudonymize(String text, Vault vault) {
        if (vault == null) {
            throw new InvalidInputException("vault", "pseudonymize needs the conversation's vault");
        }
        return anonymize(text, analyze(text), Map.of(), vault);
    }

    /**
     * Replaces the vault's placeholders in a complete answer by the original values. Any length is accepted (the
     * cloud's answer is not bounded by the prompt limit, and an empty answer stays empty); the scan is linear.
     */
    public String deanonymize(String text, Vault vault) {
        if (text == null) {
            throw new InvalidInputException("text", "is required");
        }
        if (vault == null) {
            throw new InvalidInputException("vault", "deanonymize needs the conversation's vault");
        }
        return Deanonymizer.restore(text, vault);
    }

    /** A de-anonymizer for one streamed answer. */
    public StreamingDeanonymizer streamingDeanonymizer(Vault vault) {
        return new StreamingDeanonymizer(vault);
    }
}
