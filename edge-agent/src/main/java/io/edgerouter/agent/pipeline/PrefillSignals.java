package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.PrefilledPrompt;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.engine.EngineException;
import io.edgerouter.engine.PrefillStats;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.feature.LocalModelSignals;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * What the device's own model says about a request, for the router. When the router keeps a whole {@code auto} request
 * LOCAL, the prefill the LOCAL answer needs anyway runs first, in the conversation (and engine slot) the answer then
 * continues; its logits give the prompt's mean surprisal and the entropy of the first answer token, and the router
 * decides again with them ({@link io.edgerouter.router.Router#redecide}). An unfamiliar prompt can so move to VERIFY or
 * OFFLOAD before any text went out, and a LOCAL answer's escalation window starts from the first-token entropy.
 *
 * <p>Only LOCAL decisions are measured: a VERIFY answer drafts on the masked prompt, whose prefill is a different one,
 * and an OFFLOAD needs no local pass at all. A request the measurement moves from LOCAL to VERIFY prefills again for its
 * drafts; one it moves to OFFLOAD leaves its prefill in the conversation cache for the next turn. Split requests are
 * decided on text alone. On by {@code edge.routing.local-signals} (by default when {@code edge.engine.model} is set).
 */
@ApplicationScoped
class PrefillSignals {

    private static final Logger LOG = Logger.getLogger(PrefillSignals.class);

    /** The decision to follow and, when it stays LOCAL on a measured prompt, that prompt's prefill (the caller closes it). */
    record Measured(Decision decision, PrefilledPrompt prefilled) {
    }

    private final EngineService engine;
    private final boolean enabled;
    private final MeterRegistry metrics;

    PrefillSignals(EngineService engine, AgentConfig config, MeterRegistry metrics) {
        this.engine = engine;
        this.metrics = metrics;
        this.enabled = switch (config.routing().localSignals()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> config.engine().model().isPresent();
        };
    }

    /**
     * @param decision the router's decision on the text
     * @param prompt   what a LOCAL answer would generate from
     * @param redecide the router's decision given the measured signals
     */
    Measured measure(Decision decision, Prompt prompt, RequestContext ctx, Function<LocalModelSignals, Decision> redecide) {
        if (!enabled || decision.route() != Route.LOCAL || decision.subtasks().size() != 1) {
            return new Measured(decision, null);
        }
        PrefilledPrompt prefilled;
        try {
            prefilled = engine.prefill(prompt.localIds(engine), LocalExecutor.conversationKey(ctx), ctx.cancellation());
        } catch (EngineException e) {
            // over the context budget, say: the LOCAL answer reports it as it always did
            LOG.debugf("prompt not measured for the router: %s", e.getMessage());
            return new Measured(decision, null);
        }
        try {
            PrefillStats s = prefilled.stats();
            Decision again = redecide.apply(LocalModelSignals.fromPrefill(s.meanSurprisal(), s.firstTokenEntropy()));
            if (again.route() == Route.LOCAL && again.subtasks().size() == 1) {
                return new Measured(again, prefilled);
            }
            // off the device: free the slot at once (nothing waiting on the cloud holds one) and keep the KV cache
            prefilled.close();
            metrics.counter("edge_router_local_signals_moved_total", "to", again.route().name()).increment();
            return new Measured(again, null);
        } catch (RuntimeException e) {
            prefilled.close();
            throw e;
        }
    }
}
