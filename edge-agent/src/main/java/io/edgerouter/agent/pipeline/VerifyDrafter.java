package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.engine.EngineSlots;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.engine.spec.Draft;
import io.edgerouter.engine.spec.Drafter;

/**
 * VERIFY's drafts: the device's model proposes tokens inside an engine slot, held only while it drafts (never across
 * the cloud round trip). A one-shot continuation the gateway already produced is proposed as is; once the answer is
 * being finished on the device, drafts are empty (the local verifier decodes plainly).
 */
final class VerifyDrafter implements Drafter {

    private final Drafter model;
    private final RemoteVerifier remote;
    private final RecoveringVerifier verifier;
    private final EngineSlots slots;
    private final Cancellation cancel;

    VerifyDrafter(Drafter model, RemoteVerifier remote, RecoveringVerifier verifier, EngineSlots slots, Cancellation cancel) {
        this.model = model;
        this.remote = remote;
        this.verifier = verifier;
        this.slots = slots;
        this.cancel = cancel;
    }

    @Override
    public Draft draft(int[] sequence, int k) {
        if (verifier.onDevice() || k == 0) {
            return Draft.EMPTY;
        }
        if (remote.answersWithoutCall()) {
            return new Draft(remote.pending(k), null);
        }
        try (EngineSlots.Slot slot = slots.acquire(cancel)) {
            return model.draft(sequence, k);
        }
    }
}
