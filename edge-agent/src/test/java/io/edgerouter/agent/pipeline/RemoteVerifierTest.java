package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.VerifyResult;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteVerifierTest {

    private static final int STOP = 99;

    /** A gateway stand-in: accepts {@code accept} draft tokens per round and answers next token 7. */
    private static class FakeGateway implements RemoteVerifier.Calls {
        final List<VerifyRequest> sent = new ArrayList<>();
        int accept = Integer.MAX_VALUE;
        int loseSessionOnRound = -1;
        List<Integer> continuation;
        String finish;

        @Override
        public VerifyResponse verify(VerifyRequest request, int[] preceding, Vault vault, RequestContext ctx) {
            sent.add(request);
            if (sent.size() == loseSessionOnRound && request.contextAppendIds() != null) {
                throw new CloudRejectedException(404, CloudRejectedException.SESSION_NOT_FOUND, ": gone");
            }
            int a = Math.min(accept, request.draftIds().size());
            return new VerifyResponse(a, 7, null, request.sessionId(), continuation, finish);
        }
    }

    private static RemoteVerifier verifier(FakeGateway g, int answerStart, int maxTokens, boolean oneShot) {
        return new RemoteVerifier(g, new Vault(), RequestContext.of(null, "c1"), "hash", "v-1", answerStart, maxTokens, oneShot, STOP);
    }

    @Test
    void laterRoundsSendOnlyWhatTheSessionDoesNotHold() {
        FakeGateway g = new FakeGateway();
        g.accept = 1;
        RemoteVerifier v = verifier(g, 3, 50, false);
        VerifyResult r1 = v.verify(new int[] {1, 2, 3}, new int[] {4, 5}, null, SamplingParams.greedy(), 0);
        assertThat(r1.accepted()).isEqualTo(1);
        assertThat(r1.nextToken()).isEqualTo(7);
        // the loop committed 4 and 7: the session holds exactly that, so the next round appends nothing
        v.verify(new int[] {1, 2, 3, 4, 7}, new int[] {8}, null, SamplingParams.greedy(), 0);
        assertThat(g.sent.get(0).contextIds()).containsExactly(1, 2, 3);
        assertThat(g.sent.get(0).contextAppendIds()).isNull();
        assertThat(g.sent.get(1).contextIds()).isNull();
        assertThat(g.sent.get(1).contextAppendIds()).isEmpty();
        assertThat(g.sent.get(1).draftIds()).containsExactly(8);
        assertThat(v.rounds()).isEqualTo(2);
        assertThat(v.drafted()).isEqualTo(3);
        assertThat(v.accepted()).isEqualTo(2);
    }

    @Test
    void aLostSessionIsRecoveredByResendingTheWholeContext() {
        FakeGateway g = new FakeGateway();
        g.loseSessionOnRound = 2;
        RemoteVerifier v = verifier(g, 2, 50, false);
        v.verify(new int[] {1, 2}, new int[] {3}, null, SamplingParams.greedy(), 0);
        VerifyResult r = v.verify(new int[] {1, 2, 3, 7}, new int[] {5}, null, SamplingParams.greedy(), 0);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(g.sent).hasSize(3);
        assertThat(g.sent.get(2).contextIds()).containsExactly(1, 2, 3, 7);
    }

    /**
     * Two gateway replicas behind a round-robin balancer: every round that only appends lands on the replica without
     * the session. Each is recovered by a whole-context round, for as long as the answer runs.
     */
    @Test
    void aSessionLostOnEveryOtherReplicaIsRecoveredEveryTime() {
        FakeGateway g = new FakeGateway() {
            @Override
            public VerifyResponse verify(VerifyRequest request, int[] preceding, Vault vault, RequestContext ctx) {
                sent.add(request);
                if (request.contextAppendIds() != null) { // the other replica: it never saw this session
                    throw new CloudRejectedException(404, CloudRejectedException.SESSION_NOT_FOUND, ": gone");
                }
                return new VerifyResponse(1, 7, null, request.sessionId(), null, null);
            }
        };
        RemoteVerifier v = verifier(g, 1, 50, false);
        int[] context = {1};
        for (int round = 0; round < 5; round++) {
            VerifyResult r = v.verify(context, new int[] {4, 5}, null, SamplingParams.greedy(), 0);
            assertThat(r.accepted()).isEqualTo(1);
            context = java.util.stream.IntStream.concat(java.util.Arrays.stream(context), java.util.stream.IntStream.of(4, 7)).toArray();
        }
        assertThat(v.rounds()).isEqualTo(5);
        assertThat(v.resends()).isEqualTo(4);
        assertThat(g.sent).hasSize(9);
        assertThat(g.sent.get(8).contextIds()).hasSize(9);
    }

    @Test
    void aWholeContextRoundThatComesBackLostFails() {
        FakeGateway g = new FakeGateway() {
            @Override
            public VerifyResponse verify(VerifyRequest request, int[] preceding, Vault vault, RequestContext ctx) {
                sent.add(request);
                if (sent.size() > 1) {
                    throw new CloudRejectedException(404, CloudRejectedException.SESSION_NOT_FOUND, ": gone");
                }
                return new VerifyResponse(0, 7, null, "v-1", null, null);
            }
        };
        RemoteVerifier v = verifier(g, 1, 50, false);
        v.verify(new int[] {1}, new int[] {3}, null, SamplingParams.greedy(), 0);
        assertThatThrownBy(() -> v.verify(new int[] {1, 7}, new int[] {5}, null, SamplingParams.greedy(), 0))
                .isInstanceOf(CloudRejectedException.class);
    }

    @Test
    void samplingRoundsCarryTheRequestsTemperatureTopPTopKAndDraftLogprobs() {
        FakeGateway g = new FakeGateway();
        RemoteVerifier v = verifier(g, 1, 50, false);
        double[][] q = {{0.25, 0.75}, {0.5, 0.5}};
        v.verify(new int[] {1}, new int[] {1, 0}, q, new SamplingParams(0.7, 40, 0.9, 11), 0);
        VerifyRequest r = g.sent.get(0);
        assertThat(r.temperature()).isEqualTo(0.7);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.topK()).isEqualTo(40);
        assertThat(r.seed()).isEqualTo(12L); // the request's seed + position: reproducible, different per round
        assertThat(r.draftLogprobs()).containsExactly(Math.log(0.75), Math.log(0.5));
        v.verify(new int[] {1, 1, 0, 7}, new int[] {}, null, SamplingParams.greedy(), 0);
        assertThat(g.sent.get(1).temperature()).isNull();
        assertThat(g.sent.get(1).draftLogprobs()).isNull();
    }

    @Test
    void aOneShotContinuationIsHandedToTheLoopWithoutFurtherCallsAndEndsOnTheGatewaysStop() {
        FakeGateway g = new FakeGateway();
        g.continuation = List.of(20, 21, 22);
        g.finish = "stop";
        RemoteVerifier v = verifier(g, 2, 10, true);
        VerifyResult first = v.verify(new int[] {1, 2}, new int[] {3, 4}, null, SamplingParams.greedy(), 0);
        assertThat(first.accepted()).isEqualTo(2);
        assertThat(g.sent.get(0).continueMaxTokens()).isEqualTo(10 - 2 - 1);
        assertThat(v.answersWithoutCall()).isTrue();
        int[] proposed = v.pending(8);
        assertThat(proposed).containsExactly(20, 21); // the last one comes back as the next token
        VerifyResult second = v.verify(new int[] {1, 2, 3, 4, 7}, proposed, null, SamplingParams.greedy(), 0);
        assertThat(second.accepted()).isEqualTo(2);
        assertThat(second.nextToken()).isEqualTo(22);
        VerifyResult third = v.verify(new int[] {1, 2, 3, 4, 7, 20, 21, 22}, v.pending(8), null, SamplingParams.greedy(), 0);
        assertThat(third.nextToken()).isEqualTo(STOP);
        assertThat(g.sent).hasSize(1);
        assertThat(v.cloudTokens()).isEqualTo(2 + 2 + 1 + 3);
    }
}
