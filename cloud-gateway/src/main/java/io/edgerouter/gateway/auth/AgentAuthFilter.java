package io.edgerouter.gateway.auth;

import io.edgerouter.protocol.openai.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Authenticates every API call ({@code /v1/*}; the management endpoints under {@code /q/} are not
 * REST resources and stay open) by its {@code Authorization: Bearer} key and applies the agent's
 * rate limit. The key itself is never logged or echoed.
 */
public class AgentAuthFilter {

    /** Request property holding the authenticated {@link AgentRegistry.Agent}. */
    public static final String AGENT = "io.edgerouter.gateway.agent";

    private static final String BEARER = "Bearer ";

    private final AgentRegistry agents;

    AgentAuthFilter(AgentRegistry agents) {
        this.agents = agents;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(unauthorized(agents.isEmpty()
                    ? "no agent keys are configured on this gateway (gateway.agents.<id>.key); every call is refused"
                    : "missing API key: send it as 'Authorization: Bearer <key>'"));
        }
        Optional<AgentRegistry.Agent> agent = agents.authenticate(header.substring(BEARER.length()).trim());
        if (agent.isEmpty()) {
            return Optional.of(unauthorized("invalid API key"));
        }
        long waitNanos = agent.get().bucket().tryTake();
        if (waitNanos > 0) {
            long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            return Optional.of(Response.status(429).type(MediaType.APPLICATION_JSON)
                    .header("Retry-After", retryAfter)
                    .entity(ErrorBody.of("rate limit of agent '" + agent.get().id() + "' exceeded; retry after "
                            + retryAfter + " s", "rate_limit_error", null, "rate_limit_exceeded"))
                    .build());
        }
        request.setProperty(AGENT, agent.get());
        return Optional.empty();
    }

    private static Response unauthorized(String message) {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ErrorBody.of(message, "invalid_request_error", null, "invalid_api_key"))
                .build();
    }
}
