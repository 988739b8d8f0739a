package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.agent.telemetry.TelemetryService;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.Outcome.Kind;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What every answered request (or subtask) leaves behind: metrics, a telemetry record, and VERIFY's calibration
 * evidence. Only an answer whose route the score chose ({@link ScoreEvidence}) recalibrates the router, and only its
 * telemetry record is marked {@code scored}: a forced route still reports its route, tokens and costs.
 */
@ApplicationScoped
class OutcomeRecorder {

    private final RoutingService routing;
    private final PolicyStore policies;
    private final TelemetryService telemetry;
    private final MeterRegistry metrics;
    private final Map<Route, Timer> latency = new ConcurrentHashMap<>();

    OutcomeRecorder(RoutingService routing, PolicyStore policies, TelemetryService telemetry, MeterRegistry metrics) {
        this.routing = routing;
        this.policies = policies;
        this.telemetry = telemetry;
        this.metrics = metrics;
    }

    /** A routed answer (or subtask) under {@code decision}. */
    void record(Decision decision, SubtaskDecision sub, Outcome out, List<String> reasons, RequestContext ctx, long nanos) {
        String appId = ctx.appId();
        String completionId = ctx.completionId();
        meter(out, nanos);
        boolean scored = ScoreEvidence.scoreChoseRoute(sub.score(), reasons);
        if (scored && out.route() == Route.VERIFY && out.draftTokens() > 0) {
            // the cloud's verdict on the local drafts is evidence of how good the local model is at this score:
            // it recalibrates the router online, as user ratings do (not when the caller forced VERIFY whatever the score)
            routing.feedback(new io.edgerouter.router.calibration.Outcome(sub.rawScore(), Kind.VERIFY_ACCEPTANCE,
                    Math.min(1.0, (double) out.acceptedTokens() / out.draftTokens())));
        }
        telemetry.publish(sub.index(), sub.score(), scored, decision.routerModelVersion(), out.route(), reasons, appId, completionId,
                nanos / 1e6, out.promptTokens(), out.completionTokens(), out.cloudTokens(), out.draftTokens(), out.acceptedTokens());
    }

    /**
     * Answers LOCAL without a decision ({@code model: local}, a prompt the router cannot read) and records it: the
     * route object carries no score, nor does the telemetry record (marked unscored).
     *
     * @param local generates the answer into the sink it is given
     */
    AnswerPipeline.Answered answerUnscored(List<String> reasons, RequestContext ctx, AnswerSink sink, long t0,
                                         Function<AnswerSink, Outcome> local) {
        sink.begin(RouteSummaries.unscored(reasons, policies.policy().version(), routing.modelVersion(), t0));
        long w0 = System.nanoTime();
        Outcome out = local.apply(sink);
        long work = System.nanoTime() - w0;
        long nanos = System.nanoTime() - t0;
        meter(out, nanos);
        telemetry.publish(0, null, false, routing.modelVersion(), Route.LOCAL, reasons, ctx.appId(), ctx.completionId(), nanos / 1e6,
                out.promptTokens(), out.completionTokens(), 0, out.draftTokens(), out.acceptedTokens());
        AnswerAbortedException.throwIfCancelled(ctx);
        RouteSummary summary = RouteSummaries.unscored(reasons, policies.policy().version(), routing.modelVersion(), t0);
        sink.end(out.finishReason(), Usage.of(out.promptTokens(), out.completionTokens(), out.cachedTokens()), summary);
        return new AnswerPipeline.Answered(summary, null, work);
    }

    /** A fallback from the cloud to the device, by reason ({@code cloud_error:503} counts as {@code cloud_error}). */
    void fallback(String reason) {
        metrics.counter("edge_cloud_fallbacks_total", "reason", reason.replaceAll(":.*", "")).increment();
    }

    private void meter(Outcome out, long nanos) {
        String route = out.route().name();
        metrics.counter("edge_requests_total", "route", route).increment();
        latency.computeIfAbsent(out.route(), r -> Timer.builder("edge_request_latency").tag("route", r.name()).register(metrics))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (out.route() == Route.LOCAL) {
            metrics.counter("edge_cloud_tokens_saved_total").increment(out.promptTokens() + out.completionTokens());
        } else if (out.route() == Route.VERIFY) {
            metrics.counter("edge_cloud_tokens_saved_total").increment(out.acceptedTokens());
        }
    }
}
