package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.protocol.policy.Route;
import jakarta.enterprise.context.ApplicationScoped;

/** The executor of each route: LOCAL as is, VERIFY and OFFLOAD behind the fallback to LOCAL. */
@ApplicationScoped
class Executors {

    private final LocalExecutor local;
    private final RouteExecutor verify;
    private final RouteExecutor offload;

    Executors(LocalExecutor local, VerifyExecutor verify, OffloadExecutor offload, EgressGate gate, OutcomeRecorder recorder) {
        this.local = local;
        this.verify = new FallbackExecutor(verify, local, gate::unavailableReason, recorder::fallback);
        this.offload = new FallbackExecutor(offload, local, gate::unavailableReason, recorder::fallback);
    }

    RouteExecutor of(Route route) {
        return switch (route) {
            case LOCAL -> local;
            case VERIFY -> verify;
            case OFFLOAD -> offload;
        };
    }

    LocalExecutor local() {
        return local;
    }
}
