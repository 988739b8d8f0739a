package io.edgerouter.agent.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of a JAX-RS endpoint becomes OpenAI's error body with the right status. */
public class ErrorMappers {

    @ServerExceptionMapper(priority = 1)
    public Response map(Throwable error, HttpServerRequest request) {
        if (error instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String message = switch (status) {
                case 404 -> "no such endpoint: " + request.method() + " " + request.path();
                case 405 -> "method " + request.method() + " is not allowed on " + request.path();
                case 415 -> "send the body as application/json";
                case 406 -> "this endpoint answers application/json";
                case 413 -> "request body is too large";
                default -> web.getMessage();
            };
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(io.edgerouter.protocol.openai.ErrorBody.invalid(message, null)).build();
        }
        ApiErrors.Mapped m = ApiErrors.map(error);
        Response.ResponseBuilder b = Response.status(m.status()).type(MediaType.APPLICATION_JSON).entity(m.body());
        if (m.retryAfter() != null) {
            b.header("Retry-After", m.retryAfter());
        }
        return b.build();
    }
}
