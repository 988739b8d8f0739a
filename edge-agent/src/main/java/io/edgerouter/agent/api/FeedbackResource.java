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
 * completion of this agent. A completion is rated once, as a whole (its subtasks are not rated one by one): a second
 * rating is a 409 {@code already_rated}. A rating of a LOCAL answer whose route the router's score chose updates the
 * router's online calibration at once; a rating of a forced route ({@code model: local|verify|cloud}, a forced app)
 * or of an unscored answer does not, as it says nothing about the score. Every rating is published (hashed id) on
 * {@code edge.routing.ratings} for the fleet's statistics.
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
        if (log.find(id.get()).isEmpty()) {
            throw new ApiErrors.NotFoundException("no recent completion with id '" + id.get() + "'");
        }
        CompletionLog.Entry entry = log.markRated(id.get()).orElseThrow(() -> new ApiErrors.ConflictException(
                "completion_id: completion '" + id.get() + "' was already rated; a completion is rated once",
                "completion_id", "already_rated"));
        double value = rating.isPresent() ? rating.getAsDouble() : (correct.get() ? 1.0 : -1.0);
        Route route = Route.valueOf(entry.route().route());
        if (route == Route.LOCAL && entry.scored()) {
            routing.feedback(new Outcome(entry.rawScore(), Outcome.Kind.USER_RATING, (value + 1) / 2));
        }
        telemetry.publishRating(id.get(), entry.app(), route, entry.route().score(), entry.scored(), routing.modelVersion(),
                value, correct.orElse(null));
        return Response.accepted(Map.of("status", "accepted", "completion_id", id.get(), "router_model_version",
                routing.modelVersion())).build();
    }
}
