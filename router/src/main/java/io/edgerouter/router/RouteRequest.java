package io.edgerouter.router;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.feature.LocalModelSignals;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request to route.
 *
 * @param appId          calling app, for per-app policy overrides (null = none)
 * @param messages       the chat; the last user message is what gets routed
 * @param piiEntityTypes PII entity types the privacy analyzer found (Presidio names), empty if none
 * @param requestedRoute a route the caller forces ({@code model: local|verify|cloud}), or null for {@code auto}
 * @param maxTokens      expected answer length in tokens, for the estimates (> 0)
 * @param signals        local-model signals if the caller has them, else null
 */
public record RouteRequest(String appId, List<ChatMessage> messages, Set<String> piiEntityTypes, Route requestedRoute,
                           int maxTokens, LocalModelSignals signals) {

    public RouteRequest {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequestException("messages must hold at least one message, got none");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m == null) {
                throw new InvalidRequestException("messages[" + i + "] is null");
            }
            String role = m.role() == null ? "" : m.role().strip().toLowerCase(Locale.ROOT);
            if (!ChatMessage.ROLES.contains(role)) {
                throw new InvalidRequestException("messages[" + i + "].role is '" + m.role() + "'; expected one of "
                        + "system, developer, user, assistant, tool");
            }
        }
        messages = List.copyOf(messages);
        if (messages.stream().noneMatch(m -> m.isUser() && m.content() != null && !m.content().isBlank())) {
            throw new InvalidRequestException("messages must contain a user message with non-blank content");
        }
        piiEntityTypes = piiEntityTypes == null ? Set.of() : Set.copyOf(piiEntityTypes);
        if (maxTokens <= 0) {
            throw new InvalidRequestException("maxTokens must be > 0, got " + maxTokens);
        }
        signals = signals == null ? LocalModelSignals.NONE : signals;
    }

    /** This request with the local model's measurements of it (e.g. from its prefill), for {@link Router#redecide}. */
    public RouteRequest withSignals(LocalModelSignals measured) {
        return new RouteRequest(appId, messages, piiEntityTypes, requestedRoute, maxTokens, measured);
    }

    /** A single user message, no PII, auto route, 256 answer tokens. */
    public static RouteRequest ofPrompt(String prompt) {
        return new RouteRequest(null, List.of(new ChatMessage("user", prompt)), Set.of(), null, 256, null);
    }

    /** The text the router scores: the last non-blank user message. */
    public String routedText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (m.isUser() && m.content() != null && !m.content().isBlank()) {
                return m.content();
            }
        }
        throw new IllegalStateException("validated request lost its user message");
    }
}
