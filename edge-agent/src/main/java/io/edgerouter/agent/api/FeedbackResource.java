package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.pipeline.CompletionLog;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.agent.telemetry.TelemetryService;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.Outcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code POST /v1/feedback}: {@code {"completion_id", "rating" (-1..1), "correct" (bool)}} for a recent
 * completion of this agent. A rating of a LOCAL answer updates the router's online calibration at
 * once; every rating is published (hashed id) for the fleet's learning loop.
 */
@Path("/v1/feedback")
public class FeedbackResource {

    private final CompletionLog log;
    private final RoutingService routing;
    private final TelemetryService telemetry;
    private final int maxBytes;

    FeedbackResource(CompletionLog log, RoutingService routing, TelemetryService telemetry, AgentConfig config) {
        this.log = log;
        this.routing = routing;
        this.telemetry = telemetry;
        this.maxBytes = config.api().maxBodyBytes();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate a completion (feeds the router's calibration and the fleet's learning loop)")
    public Response feedback(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(JsonBodies.within(body, maxBytes));
        List<FieldViolation> violations = new ArrayList<>();
        Optional<JsonFields> open = JsonFields.object(root, "", Set.of("completion_id", "rating", "correct", "comment"), violations);
        if (open.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        JsonFields f = open.get();
        Optional<String> id = f.text("completion_id");
        if (!f.has("completion_id")) {
            f.violation("completion_id", "is required (the id of a chat completion)");
        }
        OptionalDouble rating = f.number("rating", -1, 1);
        Optional<Boolean> correct = f.bool("correct");
        f.text("comment");
        if (!f.has("rating") && !f.has("correct")) {
            f.violation("rating", "give a rating in [-1, 1] or correct: true|false");
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        CompletionLog.Entry entry = log.find(id.get())
                .orElseThrow(() -> new ApiErrors.NotFoundException("no recent completion with id '" + id.get() + "'"));
        double value = rating.isPresent() ? rating.getAsDouble() : (correct.get() ? 1.0 : -1.0);
        Route route = Route.valueOf(entry.route().route());
        Double score = entry.route().score();
        if (route == Route.LOCAL && entry.rawScore() != null) {
            routing.feedback(new Outcome(entry.rawScore(), Outcome.Kind.USER_RATING, (value + 1) / 2));
        }
        telemetry.publishRating(id.get(), entry.app(), route, score == null ? 0.0 : score, value);
        return Response.accepted(Map.of("status", "accepted", "completion_id", id.get(), "router_model_version",
                routing.modelVersion())).build();
    }
}
