package io.edgerouter.protocol.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/** Policy → JSON tree, field names and enum spellings exactly as {@link PolicyReader} expects. */
final class PolicyWriter {

    private PolicyWriter() {
    }

    static ObjectNode toTree(ObjectMapper mapper, Policy p) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", p.version());
        root.put("fleet", p.fleet());
        p.routerModelVersion().ifPresent(v -> root.put("router_model_version", v));
        root.put("issued_by", p.issuedBy());

        ObjectNode routing = root.putObject("routing");
        p.routing().thresholds().ifPresent(t -> thresholds(routing.putObject("thresholds"), t));
        p.routing().target().ifPresent(t -> routing.putObject("target")
                .put("offload_share", t.offloadShare()).put("verify_share", t.verifyShare()));
        Policy.Escalation e = p.routing().escalation();
        routing.putObject("escalation").put("enabled", e.enabled())
                .put("entropy_threshold", e.entropyThreshold()).put("window_tokens", e.windowTokens());
        routing.put("split_subtasks", p.routing().splitSubtasks());

        root.putObject("verify").put("min_draft_tokens", p.verify().minDraftTokens())
                .put("max_draft_tokens", p.verify().maxDraftTokens()).put("one_shot", p.verify().oneShot());

        ObjectNode budget = root.putObject("budget");
        p.budget().cloudTokensPerHour().ifPresent(v -> budget.put("cloud_tokens_per_hour", v));
        p.budget().cloudTokensPerDay().ifPresent(v -> budget.put("cloud_tokens_per_day", v));
        p.budget().usdPerDay().ifPresent(v -> budget.put("usd_per_day", v));
        budget.put("usd_per_million_tokens", p.budget().usdPerMillionTokens());

        ObjectNode privacy = root.putObject("privacy");
        privacy.put("default", lower(p.privacy().defaultAction()));
        privacy.put("mask_threshold", p.privacy().maskThreshold());
        privacy.put("block_threshold", p.privacy().blockThreshold());
        ObjectNode entities = privacy.putObject("entities");
        p.privacy().entities().forEach((k, v) -> entities.put(k, lower(v)));
        var custom = privacy.putArray("custom_recognizers");
        for (Policy.CustomRecognizer c : p.privacy().customRecognizers()) {
            ObjectNode n = custom.addObject().put("name", c.name()).put("entity_type", c.entityType()).put("regex", c.regex());
            c.context().forEach(n.putArray("context")::add);
            n.put("score", c.score());
        }

        ObjectNode apps = root.putObject("apps");
        for (Map.Entry<String, Policy.AppOverride> a : p.apps().entrySet()) {
            ObjectNode n = apps.putObject(a.getKey());
            a.getValue().forcedRoute().ifPresent(r -> n.put("forced_route", r.name()));
            a.getValue().thresholds().ifPresent(t -> thresholds(n.putObject("thresholds"), t));
            n.put("cloud_allowed", a.getValue().cloudAllowed());
        }
        return root;
    }

    private static void thresholds(ObjectNode node, Policy.Thresholds t) {
        node.put("offload", t.offload()).put("verify", t.verify());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
