package io.edgerouter.gateway.fleet;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.auth.FleetAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/fleet/{fleet}/stats}: what the learning loop aggregated from the fleet's telemetry
 * ({@code FleetStats} JSON), for keys bound to the fleet only ({@link FleetAccess}). Every replica answers from its own
 * copy of the compacted {@code edge.routing.fleet-stats} topic, so all answer alike whichever owns the fleet.
 */
@Path("/v1/fleet/{fleet}/stats")
public class FleetStatsResource {

    private final LearningStreams learning;

    FleetStatsResource(LearningStreams learning) {
        this.learning = learning;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String stats(@PathParam("fleet") String fleet, @Context ContainerRequestContext request) {
        FleetAccess.require(FleetAccess.caller(request), fleet);
        return learning.stats(fleet).orElseThrow(() ->
                ApiException.notFound("fleet_not_found", "no decisions have been reported for fleet '" + fleet + "'"));
    }
}
