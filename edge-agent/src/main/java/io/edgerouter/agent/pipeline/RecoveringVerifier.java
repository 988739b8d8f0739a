package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudBusyException;
import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.egress.CloudUnavailableException;
import io.edgerouter.agent.engine.EngineSlots;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.Verifier;
import io.edgerouter.engine.spec.VerifyResult;

import java.util.List;
import java.util.function.Consumer;

/**
 * VERIFY that never loses an answer: rounds go to the cloud until one fails (429, a timeout, an error, the breaker, a
 * lost session that resending did not recover, the gate refusing); from then on the device's own model verifies —
 * with empty drafts, i.e. plain local decoding — continuing from the tokens already committed. The failure and
 * {@link #FINISHED_LOCALLY} go into the route's reasons; every token is counted where it was produced.
 */
final class RecoveringVerifier implements Verifier {

    /** The reason added when a VERIFY answer was finished on the device after the cloud failed. */
    static final String FINISHED_LOCALLY = "verify:finished_locally";

    private final Verifier remote;
    private final Verifier local;
    private final EngineSlots slots;
    private final Cancellation cancel;
    private final List<String> reasons;
    private final Consumer<String> onFallback;
    private final boolean refuseWhenBusy;
    private volatile boolean onDevice;
    private boolean answered;

    /**
     * @param refuseWhenBusy whether a busy cloud ({@code edge.cloud.max-concurrency}) on the very first round is passed
     *                       on (a 429 for the client, nothing having been handed on yet) rather than absorbed by the engine
     */
    RecoveringVerifier(Verifier remote, Verifier local, EngineSlots slots, Cancellation cancel, List<String> reasons,
                       Consumer<String> onFallback, boolean refuseWhenBusy) {
        this.remote = remote;
        this.local = local;
        this.slots = slots;
        this.cancel = cancel;
        this.reasons = reasons;
        this.onFallback = onFallback;
        this.refuseWhenBusy = refuseWhenBusy;
    }

    /** Whether the answer is being finished on the device. */
    boolean onDevice() {
        return onDevice;
    }

    @Override
    public VerifyResult verify(int[] context, int[] draft, double[][] draftProbs, SamplingParams params, int topLogprobs) {
        if (!onDevice) {
            try {
                VerifyResult r = remote.verify(context, draft, draftProbs, params, topLogprobs);
                answered = true;
                return r;
            } catch (CloudUnavailableException | CloudRejectedException | CloudBusyException e) {
                if (e instanceof CloudBusyException && refuseWhenBusy && !answered) {
                    throw e;
                }
                String why = e instanceof CloudUnavailableException u ? u.reason()
                        : e instanceof CloudRejectedException r ? (r.sessionLost() ? "session_lost" : r.reason())
                        : ((CloudBusyException) e).reason();
                if (cancel.cancelled()) {
                    throw e; // the client is gone: nothing to finish
                }
                reasons.add(why);
                reasons.add(FINISHED_LOCALLY);
                onFallback.accept(why);
                onDevice = true;
            }
        }
        try (EngineSlots.Slot slot = slots.acquire(cancel)) {
            return local.verify(context, draft, draftProbs, params, topLogprobs);
        }
    }
}
