package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.protocol.policy.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The executor of each route: LOCAL as is, VERIFY and OFFLOAD behind the fallback to LOCAL. */
@ApplicationScoped
class RouteExecutors {

    private final RouteExecutor local;
    private final RouteExecutor verify;
    private final RouteExecutor offload;

    @Inject
    RouteExecutors(LocalExecutor local, VerifyExecutor verify, OffloadExecutor offload, EgressGate gate, OutcomeRecorder recorder) {
        this(local, new FallbackExecutor(verify, local, gate::unavailableReason, recorder::fallback),
                new FallbackExecutor(offload, local, gate::unavailableReason, recorder::fallback));
    }

    /** Given executors (tests). */
    RouteExecutors(RouteExecutor local, RouteExecutor verify, RouteExecutor offload) {
        this.local = local;
        this.verify = verify;
        this.offload = offload;
    }

    RouteExecutor of(Route route) {
        return switch (route) {
            case LOCAL -> local;
            case VERIFY -> verify;
            case OFFLOAD -> offload;
        };
    }

    RouteExecutor local() {
        return local;
    }
}
