package io.edgerouter.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.edgerouter.engine.BudgetExceededException;
import io.edgerouter.engine.EngineException;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.openai.ErrorBody;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.protocol.policy.InvalidPolicyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves the gateway as an OpenAI-style JSON body; never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder r = json(e.status(), e.body());
        if (e.retryAfterSeconds() > 0) {
            r.header("Retry-After", e.retryAfterSeconds());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return json(400, ErrorBody.invalid(e.getMessage(), e.param())).build();
    }

    @ServerExceptionMapper
    public Response invalidPolicy(InvalidPolicyException e) {
        List<FieldViolation> v = e.violations();
        String param = v.isEmpty() || v.get(0).path().isEmpty() ? null : v.get(0).path();
        String message = "invalid policy: " + v.stream().map(FieldViolation::toString).collect(Collectors.joining("; "));
        return json(400, ErrorBody.invalid(message, param)).build();
    }

    @ServerExceptionMapper
    public Response engine(EngineException e) {
        if (e instanceof BudgetExceededException || e instanceof io.edgerouter.engine.InvalidRequestException) {
            return json(400, ErrorBody.invalid(e.getMessage(), null)).build();
        }
        LOG.errorf("model failure: %s", e.getMessage());
        int status = e.isRetriable() ? 503 : 500;
        return json(status, ErrorBody.of("model failure: " + e.getMessage(), "server_error", null, "model_error")).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(400, ErrorBody.invalid("not valid JSON: " + e.getOriginalMessage(), null)).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return json(status, ErrorBody.of(message, type, null, status == 404 ? "not_found" : "http_" + status)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return json(500, ErrorBody.of("internal error: " + e.getClass().getSimpleName(), "server_error", null, "internal_error")).build();
    }

    static Response.ResponseBuilder json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}
