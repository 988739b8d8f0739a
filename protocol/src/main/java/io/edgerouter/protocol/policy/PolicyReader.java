package io.edgerouter.protocol.policy;

import com.fasterxml.jackson.databind.JsonNode;

import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a JSON tree into a {@link Policy}, collecting every schema violation with its path. */
final class PolicyReader {

    static final Pattern FLEET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern APP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ENTITY = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final int MAX_APPS = 1000;
    private static final int MAX_CUSTOM_RECOGNIZERS = 100;

    private final List<FieldViolation> violations = new ArrayList<>();

    List<FieldViolation> violations() {
        return violations;
    }

    Optional<Policy> read(JsonNode root) {
        Optional<JsonFields> open = JsonFields.object(root, "", Set.of("version", "fleet", "router_model_version",
                "issued_by", "routing", "verify", "budget", "privacy", "apps"), violations);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        JsonFields f = open.get();
        OptionalLong version = f.integer("version", 1, Long.MAX_VALUE);
        if (!f.has("version")) {
            f.violation("version", "is required (an integer >= 1)");
        }
        Optional<String> fleet = f.text("fleet");
        if (!f.has("fleet")) {
            f.violation("fleet", "is required");
        } else if (fleet.isPresent() && !FLEET.matcher(fleet.get()).matches()) {
            f.violation("fleet", "must match " + FLEET.pattern() + ", got '" + fleet.get() + "'");
        }
        Optional<String> model = f.text("router_model_version");
        String issuedBy = f.text("issued_by").orElse("operator");
        Optional<Policy.Routing> routing = f.has("routing") ? routing(f.raw("routing"), f.pathOf("routing")) : missing(f, "routing");
        Policy.Verify verify = f.has("verify") ? verify(f.raw("verify"), f.pathOf("verify")) : new Policy.Verify(2, 8, false);
        Policy.Budget budget = f.has("budget") ? budget(f.raw("budget"), f.pathOf("budget")) : Policy.Budget.UNLIMITED;
        Policy.Privacy privacy = f.has("privacy") ? privacy(f.raw("privacy"), f.pathOf("privacy"))
                : new Policy.Privacy(PrivacyAction.MASK, Map.of(), List.of());
        Map<String, Policy.AppOverride> apps = f.has("apps") ? apps(f.raw("apps"), f.pathOf("apps")) : Map.of();
        if (!violations.isEmpty() || version.isEmpty() || fleet.isEmpty() || routing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Policy(version.getAsLong(), fleet.get(), model, issuedBy, routing.get(), verify, budget, privacy, apps));
    }

    private <T> Optional<T> missing(JsonFields f, String name) {
        f.violation(name, "is required");
        return Optional.empty();
    }

    private Optional<Policy.Routing> routing(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("thresholds", "target", "escalation", "split_subtasks"), violations);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        JsonFields f = open.get();
        Optional<Policy.Thresholds> thresholds = f.has("thresholds") ? thresholds(f.raw("thresholds"), f.pathOf("thresholds")) : Optional.empty();
        Optional<Policy.TargetShare> target = f.has("target") ? target(f.raw("target"), f.pathOf("target")) : Optional.empty();
        if (!f.has("thresholds") && !f.has("target")) {
            f.violation("thresholds", "set routing.thresholds, routing.target or both (thresholds route, the target is what they aim at)");
            return Optional.empty();
        }
        Policy.Escalation escalation = f.has("escalation") ? escalation(f.raw("escalation"), f.pathOf("escalation")) : Policy.Escalation.OFF;
        boolean split = f.bool("split_subtasks").orElse(true);
        if (thresholds.isEmpty() && target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Policy.Routing(thresholds, target, escalation, split));
    }

    Optional<Policy.Thresholds> thresholds(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("offload", "verify"), violations);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        JsonFields f = open.get();
        OptionalDouble offload = f.number("offload", 0, 1);
        if (!f.has("offload")) {
            f.violation("offload", "is required (a score between 0 and 1)");
        }
        OptionalDouble verify = f.has("verify") ? f.number("verify", 0, 1) : offload;
        if (offload.isEmpty() || verify.isEmpty()) {
            return Optional.empty();
        }
        if (verify.getAsDouble() > offload.getAsDouble()) {
            f.violation("verify", "must not exceed offload (" + offload.getAsDouble() + "), got " + verify.getAsDouble());
            return Optional.empty();
        }
        return Optional.of(new Policy.Thresholds(offload.getAsDouble(), verify.getAsDouble()));
    }

    private Optional<Policy.TargetShare> target(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("offload_share", "verify_share"), violations);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        JsonFields f = open.get();
        OptionalDouble offload = f.number("offload_share", 0, 1);
        if (!f.has("offload_share")) {
            f.violation("offload_share", "is required (a share between 0 and 1)");
        }
        OptionalDouble verify = f.has("verify_share") ? f.number("verify_share", 0, 1) : OptionalDouble.of(0);
        if (offload.isEmpty() || verify.isEmpty()) {
            return Optional.empty();
        }
        if (offload.getAsDouble() + verify.getAsDouble() > 1) {
            f.violation("verify_share", "offload_share + verify_share must not exceed 1, got "
                    + (offload.getAsDouble() + verify.getAsDouble()));
            return Optional.empty();
        }
        return Optional.of(new Policy.TargetShare(offload.getAsDouble(), verify.getAsDouble()));
    }

    private Policy.Escalation escalation(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("enabled", "entropy_threshold", "window_tokens"), violations);
        if (open.isEmpty()) {
            return Policy.Escalation.OFF;
        }
        JsonFields f = open.get();
        boolean enabled = f.bool("enabled").orElse(true);
        double entropy = f.number("entropy_threshold", 0, 20).orElse(Policy.Escalation.OFF.entropyThreshold());
        int window = (int) f.integer("window_tokens", 1, 256).orElse(Policy.Escalation.OFF.windowTokens());
        return new Policy.Escalation(enabled, entropy, window);
    }

    private Policy.Verify verify(JsonNode node, String path) {
        Policy.Verify defaults = new Policy.Verify(2, 8, false);
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("min_draft_tokens", "max_draft_tokens", "one_shot"), violations);
        if (open.isEmpty()) {
            return defaults;
        }
        JsonFields f = open.get();
        int min = (int) f.integer("min_draft_tokens", 1, 64).orElse(defaults.minDraftTokens());
        int max = (int) f.integer("max_draft_tokens", 1, 64).orElse(Math.max(min, defaults.maxDraftTokens()));
        boolean oneShot = f.bool("one_shot").orElse(false);
        if (max < min) {
            f.violation("max_draft_tokens", "must be at least min_draft_tokens (" + min + "), got " + max);
            return defaults;
        }
        return new Policy.Verify(min, max, oneShot);
    }

    private Policy.Budget budget(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path,
                Set.of("cloud_tokens_per_hour", "cloud_tokens_per_day", "usd_per_day", "usd_per_million_tokens"), violations);
        if (open.isEmpty()) {
            return Policy.Budget.UNLIMITED;
        }
        JsonFields f = open.get();
        return new Policy.Budget(f.integer("cloud_tokens_per_hour", 0, Long.MAX_VALUE),
                f.integer("cloud_tokens_per_day", 0, Long.MAX_VALUE),
                f.number("usd_per_day", 0, 1e9),
                f.number("usd_per_million_tokens", 0, 1e6).orElse(0.0));
    }

    private Policy.Privacy privacy(JsonNode node, String path) {
        Optional<JsonFields> open = JsonFields.object(node, path, Set.of("default", "entities", "custom_recognizers",
                "mask_threshold", "block_threshold"), violations);
        if (open.isEmpty()) {
            return new Policy.Privacy(PrivacyAction.MASK, Map.of(), List.of());
        }
        JsonFields f = open.get();
        PrivacyAction defaultAction = f.enumValue("default", PrivacyAction.class).orElse(PrivacyAction.MASK);
        Map<String, PrivacyAction> entities = new LinkedHashMap<>();
        if (f.has("entities")) {
            JsonNode map = f.raw("entities");
            if (!map.isObject()) {
                f.violation("entities", "must be an object of ENTITY_TYPE: allow|mask|block_offload, got " + JsonFields.kind(map));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String entryPath = f.pathOf("entities") + "." + e.getKey();
                    if (!ENTITY.matcher(e.getKey()).matches()) {
                        violations.add(new FieldViolation(entryPath, "entity type must match " + ENTITY.pattern()));
                    } else if (!e.getValue().isTextual()) {
                        violations.add(new FieldViolation(entryPath, "must be allow, mask or block_offload"));
                    } else {
                        JsonFields.parseEnum(e.getValue().textValue(), PrivacyAction.class, entryPath, violations)
                                .ifPresent(a -> entities.put(e.getKey(), a));
                    }
                }
            }
        }
        List<Policy.CustomRecognizer> custom = f.has("custom_recognizers")
                ? new CustomRecognizerReader(violations).readAll(f.raw("custom_recognizers"), f.pathOf("custom_recognizers"), MAX_CUSTOM_RECOGNIZERS)
                : List.of();
        double mask = f.number("mask_threshold", 0, 1).orElse(Policy.Privacy.DEFAULT_MASK_THRESHOLD);
        double block = f.number("block_threshold", 0, 1).orElse(Policy.Privacy.DEFAULT_BLOCK_THRESHOLD);
        return new Policy.Privacy(defaultAction, entities, custom, mask, block);
    }

    private Map<String, Policy.AppOverride> apps(JsonNode node, String path) {
        Map<String, Policy.AppOverride> apps = new LinkedHashMap<>();
        if (!node.isObject()) {
            violations.add(new FieldViolation(path, "must be an object of app id: override, got " + JsonFields.kind(node)));
            return apps;
        }
        if (node.size() > MAX_APPS) {
            violations.add(new FieldViolation(path, "at most " + MAX_APPS + " apps, got " + node.size()));
            return apps;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String appPath = path + "." + e.getKey();
            if (!APP.matcher(e.getKey()).matches()) {
                violations.add(new FieldViolation(appPath, "app id must match " + APP.pattern()));
                continue;
            }
            JsonFields.object(e.getValue(), appPath, Set.of("forced_route", "thresholds", "cloud_allowed"), violations).ifPresent(f -> {
                Optional<Route> forced = f.enumValue("forced_route", Route.class);
                Optional<Policy.Thresholds> thresholds = f.has("thresholds") ? thresholds(f.raw("thresholds"), f.pathOf("thresholds")) : Optional.empty();
                apps.put(e.getKey(), new Policy.AppOverride(forced, thresholds, f.bool("cloud_allowed").orElse(true)));
            });
        }
        return apps;
    }
}
