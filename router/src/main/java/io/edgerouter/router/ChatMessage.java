package io.edgerouter.router;

import java.util.Locale;
import java.util.Set;

/** One OpenAI-style chat message. Validation is in {@link RouteRequest}, so bad input yields a clear error. */
public record ChatMessage(String role, String content) {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    public boolean isUser() {
        return role != null && role.strip().toLowerCase(Locale.ROOT).equals("user");
    }
}
