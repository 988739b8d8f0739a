package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.egress.CloudUnavailableException;
import io.edgerouter.agent.engine.EngineSlots;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.Generator;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.DraftModelDrafter;
import io.edgerouter.engine.spec.ModelVerifier;
import io.edgerouter.engine.spec.VerifyResult;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VERIFY's pieces in the engine's own loop, against a stand-in gateway that verifies with the same tiny model: since
 * the device's and the "cloud" model are one model here, every VERIFY answer — in rounds, one-shot, after a 429 that
 * finishes it on the device, after a lost session — must be exactly the model's own greedy answer. A lost token, a
 * repeated one or a context out of step with the gateway's session would show.
 */
class VerifyLoopTest {

    private static final int MAX = 40;

    @TempDir
    static Path dir;
    static LocalEngine engine;
    static int[] prompt;
    static int[] greedy;

    @BeforeAll
    static void open() {
        TinyModels.Pair pair = TinyModels.generate(dir.resolve("tiny"), TinyModelSpec.small());
        engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), pair.draft()));
        prompt = engine.chatPrompt(List.of(new ChatMessage("user", "Tell me about the sea")));
        try (Conversation c = engine.newConversation()) {
            greedy = c.generate(GenerationRequest.of(prompt, MAX, Decoding.VANILLA).withStops(engine.stopTokenIds(), List.of()))
                    .tokens();
        }
        assertThat(greedy).hasSizeGreaterThan(8);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The gateway's side of the protocol over its own verifier: the session's context after each round is what it emitted. */
    private static final class StandInGateway implements RemoteVerifier.Calls {
        final ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy());
        final List<VerifyRequest> received = new ArrayList<>();
        int[] session;
        int failFromRound = -1;
        int loseSessionOnRound = -1;

        @Override
        public VerifyResponse verify(VerifyRequest r, int[] preceding, Vault vault, RequestContext ctx) {
            received.add(r);
            int round = received.size();
            if (round == failFromRound || failFromRound > 0 && round > failFromRound) {
                throw new CloudUnavailableException("cloud_error:429", "slow down", null);
            }
            if (round == loseSessionOnRound && r.contextAppendIds() != null) {
                session = null;
                throw new CloudRejectedException(404, CloudRejectedException.SESSION_NOT_FOUND, ": evicted");
            }
            int[] context = r.contextIds() != null ? ids(r.contextIds()) : concat(session, ids(r.contextAppendIds()));
            int[] draft = ids(r.draftIds());
            VerifyResult v = verifier.verify(context, draft, null, SamplingParams.greedy(), 0);
            int[] sequence = concat(context, v.emitted(draft));
            List<Integer> continuation = null;
            String finish = null;
            if (r.continueMaxTokens() != null && !engine.stopTokenIds().contains(v.nextToken())) {
                try (Conversation c = engine.newConversation()) {
                    GenerationResult g = c.generate(GenerationRequest.of(sequence, r.continueMaxTokens(), Decoding.VANILLA)
                            .withStops(engine.stopTokenIds(), List.of()));
                    continuation = Arrays.stream(g.tokens()).boxed().toList();
                    finish = g.tokens().length < r.continueMaxTokens() ? "stop" : "length";
                    sequence = concat(sequence, g.tokens());
                }
            } else if (r.continueMaxTokens() != null) {
                continuation = List.of();
                finish = "stop";
            }
            session = sequence;
            return new VerifyResponse(v.accepted(), v.nextToken(), null, r.sessionId(), continuation, finish);
        }
    }

    private static int[] ids(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private record Run(int[] tokens, List<String> reasons, RemoteVerifier remote) {
    }

    private static Run verify(StandInGateway gateway, boolean oneShot, int k) {
        List<String> reasons = new ArrayList<>();
        int stop = engine.stopTokenIds().iterator().next();
        RemoteVerifier remote = new RemoteVerifier(gateway, new Vault(), RequestContext.of(null, "c1"), "hash", "v-1",
                prompt.length, MAX, oneShot, stop);
        EngineSlots slots = new EngineSlots(1, 4);
        try (Conversation local = engine.newConversation()) {
            RecoveringVerifier verifier = new RecoveringVerifier(remote, new ModelVerifier(local.targetSession(), SamplingParams.greedy()),
                    slots, Cancellation.none(), reasons, r -> { }, true);
            VerifyDrafter drafter = new VerifyDrafter(new DraftModelDrafter(local.targetSession(), SamplingParams.greedy()), remote,
                    verifier, slots, Cancellation.none());
            GenerationRequest request = GenerationRequest.of(prompt, MAX, Decoding.VANILLA)
                    .withStops(engine.stopTokenIds(), List.of()).withDraftLength(k, k);
            GenerationResult r = Generator.withVerifier(verifier, drafter, local.targetSession(), engine.tokenizer()::decode)
                    .generate(request, TokenListener.NONE, () -> false);
            assertThat(slots.running()).isZero();
            return new Run(r.tokens(), reasons, remote);
        }
    }

    @Test
    void roundsGiveTheModelsGreedyAnswerAndAppendOnlyNewIds() {
        StandInGateway gateway = new StandInGateway();
        Run run = verify(gateway, false, 4);
        assertThat(run.tokens()).containsExactly(greedy);
        assertThat(run.reasons()).isEmpty();
        assertThat(run.remote().accepted()).isEqualTo(run.remote().drafted()); // same model: every draft token accepted
        assertThat(gateway.received.get(0).contextIds()).hasSize(prompt.length);
        assertThat(gateway.received.subList(1, gateway.received.size())).allSatisfy(r -> {
            assertThat(r.contextIds()).isNull();
            assertThat(r.contextAppendIds()).isEmpty(); // the session already holds everything the loop committed
        });
    }

    @Test
    void oneShotGivesTheSameAnswerInOneCall() {
        StandInGateway gateway = new StandInGateway();
        Run run = verify(gateway, true, 16);
        assertThat(run.tokens()).containsExactly(greedy);
        assertThat(gateway.received).hasSize(1);
    }

    @Test
    void a429MidAnswerIsFinishedOnTheDeviceWithoutLosingOrRepeatingATokenAndSaysSo() {
        StandInGateway gateway = new StandInGateway();
        gateway.failFromRound = 3;
        Run run = verify(gateway, false, 3);
        assertThat(run.tokens()).containsExactly(greedy);
        assertThat(run.reasons()).containsExactly("cloud_error:429", RecoveringVerifier.FINISHED_LOCALLY);
        assertThat(gateway.received).hasSize(3);
        assertThat(run.remote().rounds()).isEqualTo(2);
    }

    @Test
    void aLostSessionIsResentWholeAndTheAnswerIsUnchanged() {
        StandInGateway gateway = new StandInGateway();
        gateway.loseSessionOnRound = 2;
        Run run = verify(gateway, false, 3);
        assertThat(run.tokens()).containsExactly(greedy);
        assertThat(run.reasons()).isEmpty();
        assertThat(gateway.received.get(2).contextIds()).as("the resend carries the whole context").isNotNull()
                .hasSizeGreaterThan(prompt.length);
    }
}
