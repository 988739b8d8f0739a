package io.edgerouter.gateway.auth;

import io.edgerouter.gateway.api.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Authorisation by fleet: a key reads (and, as an admin, publishes) only the fleets it is bound to
 * ({@code gateway.agents.<id>.fleets}). Checked before anything about the fleet is looked up, so a refused caller
 * learns nothing about whether the fleet exists.
 */
public final class FleetAccess {

    private FleetAccess() {
    }

    /** The caller {@link AgentAuthFilter} authenticated for this request. */
    public static AgentRegistry.Agent caller(ContainerRequestContext request) {
        return (AgentRegistry.Agent) request.getProperty(AgentAuthFilter.AGENT);
    }

    /** @throws ApiException 403 {@code fleet_forbidden} when the caller is not bound to {@code fleet} */
    public static void require(AgentRegistry.Agent caller, String fleet) {
        if (!caller.mayAccess(fleet)) {
            throw new ApiException(403, "permission_error", "fleet_forbidden", null, "caller '" + caller.id()
                    + "' may not access fleet '" + fleet + "': it is bound to " + (caller.fleets().isEmpty() ? "no fleet"
                    : caller.fleets().stream().sorted().toList()) + " (gateway.agents." + caller.id() + ".fleets)");
        }
    }
}
