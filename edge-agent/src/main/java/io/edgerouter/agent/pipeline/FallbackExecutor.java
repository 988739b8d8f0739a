package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.egress.CloudUnavailableException;
import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.protocol.policy.Route;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A cloud route that never fails a request because of the cloud: when the cloud cannot serve (not configured, breaker
 * open, budget spent, unreachable, failing, rejecting) before any text was handed on, the device answers instead and
 * the route's reasons say why. After text was handed on, starting over would repeat it: the answer ends with an
 * OpenAI-style error ({@link AnswerAbortedException}). A busy cloud ({@code edge.cloud.max-concurrency}) is a 429, not a
 * fallback: the engine must not absorb the cloud's overflow.
 */
final class FallbackExecutor implements RouteExecutor {

    /** The reason added when the cloud failed after part of the answer was already handed on. */
    static final String FAILED_MID_ANSWER = "cloud_failed_mid_answer";

    private final RouteExecutor cloud;
    private final RouteExecutor local;
    private final Supplier<String> unavailable;
    private final Consumer<String> onFallback;

    /**
     * @param unavailable why the cloud cannot serve right now, or null ({@link EgressGate#unavailableReason})
     * @param onFallback  told every fallback's reason (metrics)
     */
    FallbackExecutor(RouteExecutor cloud, RouteExecutor local, Supplier<String> unavailable, Consumer<String> onFallback) {
        this.cloud = cloud;
        this.local = local;
        this.unavailable = unavailable;
        this.onFallback = onFallback;
    }

    @Override
    public Outcome execute(Task task, AnswerSink sink) {
        String why = unavailable.get();
        if (why != null) {
            return local(task, sink, why);
        }
        CountingSink counting = new CountingSink(sink);
        try {
            return cloud.execute(task, counting);
        } catch (CloudUnavailableException | CloudRejectedException e) {
            String reason = e instanceof CloudUnavailableException u ? u.reason() : ((CloudRejectedException) e).reason();
            if (task.context().cancellation().cancelled()) {
                throw e;
            }
            if (counting.emitted > 0) {
                task.reasons().add(reason);
                task.reasons().add(FAILED_MID_ANSWER);
                onFallback.accept(reason);
                throw new AnswerAbortedException(reason, e.getMessage(), e);
            }
            return local(task, sink, reason);
        }
    }

    private Outcome local(Task task, AnswerSink sink, String why) {
        task.reasons().add(why);
        onFallback.accept(why);
        task.rerouted().accept(Route.LOCAL);
        return local.execute(task, sink);
    }
}
