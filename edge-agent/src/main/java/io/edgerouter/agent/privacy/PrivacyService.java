package io.edgerouter.agent.privacy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.privacy.PrivacyConfig;
import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.api.PresidioApi;
import io.edgerouter.privacy.recognizer.CustomRecognizerSpec;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PrivacyAction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The privacy filter under the current policy: its custom recognizers are compiled (RE2/J) when a
 * policy version arrives, and its per-entity actions decide what is masked or kept on the device.
 */
@ApplicationScoped
public class PrivacyService {

    private final PolicyStore policies;
    private final int maxTextLength;
    private volatile Compiled compiled;

    private record Compiled(long policyVersion, String fleet, PrivacyFilter filter, PresidioApi api) {
    }

    PrivacyService(PolicyStore policies, AgentConfig config) {
        this.policies = policies;
        this.maxTextLength = config.privacy().maxTextLength();
    }

    /** The filter for the current policy. */
    public PrivacyFilter filter() {
        return compiled().filter();
    }

    public PresidioApi api() {
        return compiled().api();
    }

    private Compiled compiled() {
        Policy policy = policies.policy();
        Compiled c = compiled;
        if (c == null || c.policyVersion() != policy.version() || !c.fleet().equals(policy.fleet())) {
            synchronized (this) {
                c = compiled;
                if (c == null || c.policyVersion() != policy.version() || !c.fleet().equals(policy.fleet())) {
                    List<CustomRecognizerSpec> custom = policy.privacy().customRecognizers().stream()
                            .map(r -> new CustomRecognizerSpec(r.name(), r.entityType(), r.regex(), r.context(), r.score()))
                            .toList();
                    PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults().withMaxTextLength(maxTextLength)
                            .withDefaultScoreThreshold(policy.privacy().maskThreshold()).withCustomRecognizers(custom));
                    c = new Compiled(policy.version(), policy.fleet(), filter, new PresidioApi(filter));
                    compiled = c;
                }
            }
        }
        return c;
    }

    /**
     * What the analyzer found in a chat, and what the policy says about each type.
     *
     * @param perMessage  per message, the results that count: those at or above the mask threshold, and
     *                    {@code block_offload} ones at or above the block threshold
     * @param entityTypes types of those results (what the router is told)
     * @param blocked     {@code block_offload} types found at or above the block threshold
     * @param masked      {@code mask} types found at or above the mask threshold
     * @param reasons     one per blocked type, for {@code route.reasons}: its best score and the threshold it met,
     *                    e.g. {@code pii:US_SSN=0.40>=block_threshold=0.30<mask_threshold=0.50}
     */
    public record Findings(List<List<RecognizerResult>> perMessage, Set<String> entityTypes, Set<String> blocked,
                           Set<String> masked, List<String> reasons) {

        public boolean anyBlocked() {
            return !blocked.isEmpty();
        }
    }

    /**
     * Analyzes at the lower of the policy's two thresholds: a {@code block_offload} entity blocks from
     * {@code privacy.block_threshold} (a weak match supported by context keeps the request on the device even
     * below the mask threshold), every other entity counts from {@code privacy.mask_threshold}. The analyzer reports
     * one type per span (the best-scored); so that another type can never hide a blocking one (nine digits after
     * "SSN" that also pass the Australian TFN checksum), a text in which other types were found is analyzed a second
     * time for the blocking types alone.
     */
    public Findings analyze(List<ChatMessage> messages) {
        PrivacyFilter filter = filter();
        Policy.Privacy rules = policies.policy().privacy();
        double floor = rules.analysisThreshold();
        List<List<RecognizerResult>> per = new ArrayList<>(messages.size());
        Set<String> types = new TreeSet<>();
        Map<String, Double> blocked = new TreeMap<>();
        Set<String> masked = new TreeSet<>();
        for (ChatMessage m : messages) {
            List<RecognizerResult> found = m.content().isEmpty() ? List.of()
                    : filter.analyze(m.content(), "en", null, floor);
            found = withBlockingTypes(filter, rules, m.content(), found);
            List<RecognizerResult> kept = new ArrayList<>(found.size());
            for (RecognizerResult r : found) {
                PrivacyAction action = action(rules, r.entityType());
                boolean blocks = action == PrivacyAction.BLOCK_OFFLOAD && r.score() >= rules.blockThreshold();
                if (!blocks && r.score() < rules.maskThreshold()) {
                    continue;
                }
                kept.add(r);
                types.add(r.entityType());
                if (blocks) {
                    blocked.merge(r.entityType(), r.score(), Math::max);
                } else if (action == PrivacyAction.MASK) {
                    masked.add(r.entityType());
                }
            }
            per.add(kept);
        }
        List<String> reasons = new ArrayList<>(blocked.size());
        blocked.forEach((type, score) -> reasons.add("pii:" + type + "=" + fmt(score) + ">=block_threshold="
                + fmt(rules.blockThreshold()) + (score < rules.maskThreshold() ? "<mask_threshold=" + fmt(rules.maskThreshold()) : "")));
        return new Findings(per, Set.copyOf(types), Set.copyOf(blocked.keySet()), Set.copyOf(masked), List.copyOf(reasons));
    }

    /** {@code found} plus the blocking-type results a result of another type hid (see {@link #analyze}). */
    private static List<RecognizerResult> withBlockingTypes(PrivacyFilter filter, Policy.Privacy rules, String text,
                                                            List<RecognizerResult> found) {
        if (rules.defaultAction() == PrivacyAction.BLOCK_OFFLOAD) {
            return found; // every type blocks: nothing can hide a blocking one
        }
        Set<String> blocking = new TreeSet<>();
        rules.entities().forEach((type, action) -> {
            if (action == PrivacyAction.BLOCK_OFFLOAD && filter.analyzer().supportedEntities().contains(type)) {
                blocking.add(type);
            }
        });
        if (blocking.isEmpty() || found.stream().allMatch(r -> blocking.contains(r.entityType()))) {
            return found;
        }
        List<RecognizerResult> out = new ArrayList<>(found);
        for (RecognizerResult b : filter.analyze(text, "en", blocking, rules.blockThreshold())) {
            if (!found.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /**
     * The chat as it may leave the device: every entity whose action is {@code mask} replaced by its
     * vault placeholder ({@code <EMAIL_ADDRESS_1>}); the same value gets the same placeholder.
     */
    public List<ChatMessage> mask(List<ChatMessage> messages, Findings findings, Vault vault) {
        PrivacyFilter filter = filter();
        Policy.Privacy rules = policies.policy().privacy();
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            List<RecognizerResult> toMask = findings.perMessage().get(i).stream()
                    .filter(r -> action(rules, r.entityType()) != PrivacyAction.ALLOW)
                    .sorted(Comparator.comparingInt(RecognizerResult::start))
                    .toList();
            if (toMask.isEmpty()) {
                out.add(m);
            } else {
                out.add(new ChatMessage(m.role(), filter.anonymize(m.content(), toMask, Map.of(), vault).text()));
            }
        }
        return out;
    }

    static PrivacyAction action(Policy.Privacy rules, String entityType) {
        return rules.entities().getOrDefault(entityType, rules.defaultAction());
    }
}
