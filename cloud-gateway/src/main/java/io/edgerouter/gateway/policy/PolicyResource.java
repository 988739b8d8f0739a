package io.edgerouter.gateway.policy;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.auth.FleetAccess;
import io.edgerouter.gateway.auth.AgentRegistry;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET/PUT /v1/policies/{fleet}}. Both need a key bound to the fleet (403, {@link FleetAccess}). A PUT needs
 * an admin key (403) and a fleet this gateway knows (404: one with a policy, bound to a key or listed in
 * {@code gateway.fleets}), is validated with the shared {@link PolicyCodec} (400 listing every violation), must name
 * the path's fleet and a higher version (409), and is published to Kafka before it is acknowledged.
 */
@Path("/v1/policies/{fleet}")
public class PolicyResource {

    private final PolicyCodec codec;
    private final PolicyRegistry registry;
    private final PolicyPublisher publisher;
    private final AgentRegistry agents;

    PolicyResource(PolicyCodec codec, PolicyRegistry registry, PolicyPublisher publisher, AgentRegistry agents) {
        this.codec = codec;
        this.registry = registry;
        this.publisher = publisher;
        this.agents = agents;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("fleet") String fleet, @Context ContainerRequestContext request) {
        FleetAccess.require(FleetAccess.caller(request), fleet);
        Policy policy = registry.latest(fleet).orElseThrow(() ->
                ApiException.notFound("policy_not_found", "no policy has been published for fleet '" + fleet + "'"));
        return codec.write(policy);
    }

    @PUT
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public String put(@PathParam("fleet") String fleet, byte[] body, @Context ContainerRequestContext request) {
        AgentRegistry.Agent agent = FleetAccess.caller(request);
        if (!agent.admin()) {
            throw new ApiException(403, "permission_error", "not_admin", null,
                    "caller '" + agent.id() + "' may not publish policies (gateway.agents." + agent.id() + ".admin=false)");
        }
        FleetAccess.require(agent, fleet);
        if (registry.latest(fleet).isEmpty() && !agents.declares(fleet)) {
            throw ApiException.notFound("fleet_not_found", "unknown fleet '" + fleet + "': no policy was published for it,"
                    + " no agent key is bound to it (gateway.agents.<id>.fleets) and gateway.fleets does not list it");
        }
        Policy policy = codec.parse(new String(body, StandardCharsets.UTF_8));
        if (!policy.fleet().equals(fleet)) {
            throw ApiException.invalid("fleet", "fleet '" + policy.fleet() + "' in the policy does not match '" + fleet + "' in the path");
        }
        return publisher.publish(policy);
    }
}
