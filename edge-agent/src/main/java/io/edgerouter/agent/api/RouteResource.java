package io.edgerouter.agent.api;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.pipeline.ChatAnswers;
import io.edgerouter.agent.pipeline.RouteSummaries;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/route}: the decision for a chat request, without generating. A dry run feeds no learning: it
 * publishes no telemetry, is not remembered for feedback (no completion id), and sends nothing to the router's online
 * calibration.
 */
@Path("/v1/route")
public class RouteResource {

    private final ChatAnswers pipeline;
    private final AgentConfig config;

    RouteResource(ChatAnswers pipeline, AgentConfig config) {
        this.pipeline = pipeline;
        this.config = config;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry run: the route, score, subtasks and reasons for an OpenAI chat request")
    public RouteSummary route(byte[] body, @HeaderParam("x-app-id") String app) {
        ChatRequest request = ChatRequestReader.read(JsonBodies.within(body, config.api().maxBodyBytes()));
        pipeline.check(request);
        Decision d = pipeline.decide(request, app);
        List<RouteSummary.Subtask> subtasks = new ArrayList<>();
        for (SubtaskDecision s : d.subtasks()) {
            subtasks.add(new RouteSummary.Subtask(s.text(), s.route().name(), s.score(),
                    s.dependsOn().isEmpty() ? null : s.dependsOn(), s.reasons()));
        }
        return new RouteSummary(d.route().name(), d.score(), subtasks, d.reasons(), RouteSummaries.policyVersion(d),
                d.routerModelVersion(), d.decisionNanos() / 1e6);
    }
}
