package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudUnavailableException;
import io.edgerouter.agent.engine.EngineSlots;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.Verifier;
import io.edgerouter.engine.spec.VerifyResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveringVerifierTest {

    private static final VerifyResult REMOTE = new VerifyResult(0, 1, new double[1]);
    private static final VerifyResult LOCAL = new VerifyResult(0, 2, new double[1]);

    @Test
    void afterACloudFailureEveryRoundIsVerifiedOnTheDeviceInsideAnEngineSlot() {
        int[] calls = {0};
        Verifier remote = (c, d, q, p, t) -> {
            if (++calls[0] >= 2) {
                throw new CloudUnavailableException("cloud_error:429", "too many", null);
            }
            return REMOTE;
        };
        EngineSlots slots = new EngineSlots(1, 0);
        int[] runningDuringLocal = {-1};
        Verifier local = (c, d, q, p, t) -> {
            runningDuringLocal[0] = slots.running();
            return LOCAL;
        };
        List<String> reasons = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        RecoveringVerifier v = new RecoveringVerifier(remote, local, slots, Cancellation.none(), reasons, fallbacks::add, true);
        assertThat(v.verify(new int[] {1}, new int[0], null, SamplingParams.greedy(), 0)).isSameAs(REMOTE);
        assertThat(v.onDevice()).isFalse();
        assertThat(v.verify(new int[] {1}, new int[0], null, SamplingParams.greedy(), 0)).isSameAs(LOCAL);
        assertThat(v.verify(new int[] {1}, new int[0], null, SamplingParams.greedy(), 0)).isSameAs(LOCAL);
        assertThat(calls[0]).isEqualTo(2); // the cloud is not asked again
        assertThat(v.onDevice()).isTrue();
        assertThat(runningDuringLocal[0]).isEqualTo(1);
        assertThat(slots.running()).isZero();
        assertThat(reasons).containsExactly("cloud_error:429", RecoveringVerifier.FINISHED_LOCALLY);
        assertThat(fallbacks).containsExactly("cloud_error:429");
    }

    @Test
    void aCancelledRequestIsNotFinishedLocally() {
        Cancellation cancel = new Cancellation();
        cancel.cancel(Cancellation.CLIENT_GONE);
        Verifier remote = (c, d, q, p, t) -> {
            throw new CloudUnavailableException("cancelled:client_disconnected", "gone", null);
        };
        RecoveringVerifier v = new RecoveringVerifier(remote, (c, d, q, p, t) -> LOCAL, new EngineSlots(1, 0), cancel,
                new ArrayList<>(), r -> { }, true);
        assertThatThrownBy(() -> v.verify(new int[] {1}, new int[0], null, SamplingParams.greedy(), 0))
                .isInstanceOf(CloudUnavailableException.class);
    }

    @Test
    void aBusyCloudOnTheFirstRoundIsA429UnlessTheAnswerHasBegun() {
        Verifier busy = (c, d, q, p, t) -> {
            throw new io.edgerouter.agent.egress.CloudBusyException(16);
        };
        RecoveringVerifier fresh = new RecoveringVerifier(busy, (c, d, q, p, t) -> LOCAL, new EngineSlots(1, 0), Cancellation.none(),
                new ArrayList<>(), r -> { }, true);
        assertThatThrownBy(() -> fresh.verify(new int[] {1}, new int[0], null, SamplingParams.greedy(), 0))
                .isInstanceOf(io.edgerouter.agent.egress.CloudBusyException.class);
        List<String> reasons = new ArrayList<>();
        RecoveringVerifier escalated = new RecoveringVerifier(busy, (c, d, q, p, t) -> LOCAL, new EngineSlots(1, 0), Cancellation.none(),
                reasons, r -> { }, false);
        assertThat(escalated.verify(new int[] {1}, new int[0], null, SamplingParams.greedy(), 0)).isSameAs(LOCAL);
        assertThat(reasons).containsExactly("cloud_busy", RecoveringVerifier.FINISHED_LOCALLY);
    }
}
