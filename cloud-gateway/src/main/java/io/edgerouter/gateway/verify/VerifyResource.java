package io.edgerouter.gateway.verify;

import io.edgerouter.protocol.verify.VerifyRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.auth.AgentAuthFilter;
import io.edgerouter.gateway.auth.AgentRegistry;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.verify.VerifyResponse;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v1/verify} and {@code DELETE /v1/verify/sessions/{id}}. Model work runs on worker threads. */
@Path("/v1/verify")
public class VerifyResource {

    private final VerifyService service;

    VerifyResource(VerifyService service) {
        this.service = service;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public VerifyResponse verify(byte[] body, @Context ContainerRequestContext request) {
        JsonNode root = ChatRequestReader.parseTree(body);
        String header = request.getHeaderString(VerifyRequest.SESSION_HEADER);
        JsonNode session = root.path("session_id");
        if (header != null && !(session.isTextual() && session.asText().equals(header))) {
            // a load balancer routes on the header: one that disagrees with the body would split the session
            throw ApiException.invalid(VerifyRequest.SESSION_HEADER, "header must equal the body's session_id ("
                    + (session.isTextual() ? "'" + session.asText() + "'" : "absent") + "), got '" + header + "'");
        }
        return service.verify(agentId(request), root);
    }

    @DELETE
    @Path("/sessions/{id}")
    @Blocking
    public Response deleteSession(@PathParam("id") String id, @Context ContainerRequestContext request) {
        if (!service.deleteSession(agentId(request), id)) {
            throw ApiException.notFound("session_not_found", "no verify session '" + id + "' for this agent");
        }
        return Response.noContent().build();
    }

    static String agentId(ContainerRequestContext request) {
        return ((AgentRegistry.Agent) request.getProperty(AgentAuthFilter.AGENT)).id();
    }
}
