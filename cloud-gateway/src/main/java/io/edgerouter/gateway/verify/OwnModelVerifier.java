package io.edgerouter.gateway.verify;

import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.FinishReason;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.Generator;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.DraftModelDrafter;
import io.edgerouter.engine.spec.ModelVerifier;
import io.edgerouter.engine.spec.VerifyResult;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.protocol.verify.VerifyMode;
import io.edgerouter.protocol.verify.VerifyResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The cloud side of VERIFY on the gateway's own model: one target forward pass over the new context
 * tokens and the draft decides how many draft tokens are accepted and which token comes next. With a
 * session the target KV cache is kept, so the next round only processes the tokens after it; with
 * {@code continue_max_tokens} the gateway then finishes the answer itself (one-shot VERIFY).
 *
 * <p>Session context contract: after a round the session's context is
 * {@code context + accepted draft tokens + next_token (+ continuation_ids)}, exactly what the agent holds;
 * {@code context_append_ids} of the next round are the tokens after that (often none). Sending the
 * whole {@code context_ids} with a session id also works: the cached common prefix is reused.
 */
@ApplicationScoped
public class OwnModelVerifier implements VerifyBackend {

    /** Largest (draft × vocab) matrix built from draft log-probabilities, in entries. */
    private static final long MAX_DRAFT_PROB_ENTRIES = 8_000_000;

    private final GatewayModel model;
    private final VerifySessions sessions;

    OwnModelVerifier(GatewayModel model, VerifySessions sessions) {
        this.model = model;
        this.sessions = sessions;
    }

    @Override
    public String tokenizerHash() {
        return model.tokenizerHash();
    }

    @Override
    public int vocabSize() {
        return model.vocabSize();
    }

    @Override
    public VerifyResponse verify(String agentId, VerifyCall call, BooleanSupplier cancelled) {
        return model.inSlot(() -> call.sessionId().isPresent()
                ? inSession(agentId, call.sessionId().get(), call, cancelled)
                : stateless(call, cancelled), cancelled);
    }

    @Override
    public boolean deleteSession(String agentId, String sessionId) {
        return sessions.delete(agentId, sessionId);
    }

    private VerifyResponse stateless(VerifyCall call, BooleanSupplier cancelled) {
        ModelVerifier verifier = model.engine().newVerifier(SamplingParams.greedy());
        try {
            return round(verifier, call.contextIds(), call, null, cancelled).response();
        } finally {
            verifier.target().close();
        }
    }

    private VerifyResponse inSession(String agentId, String sessionId, VerifyCall call, BooleanSupplier cancelled) {
        VerifySessions.Acquired acquired = sessions.acquire(agentId, sessionId);
        VerifySession session = acquired.session();
        boolean ok = false;
        try {
            int[] context;
            if (call.contextIds() != null) {
                context = call.contextIds();
            } else if (acquired.created() || session.context() == null) {
                throw ApiException.notFound("session_not_found", "verify session '" + sessionId
                        + "' does not exist (expired, evicted or never started): send the whole context as context_ids");
            } else {
                context = concat(session.context(), call.appendIds());
            }
            if (context.length == 0) {
                throw ApiException.invalid("context_append_ids", "the session's context is empty: send at least one token");
            }
            Round round = round(session.verifier(), context, call, sessionId, cancelled);
            long kvBytes = (long) session.verifier().target().length() * model.engine().target().signature().kvBytesPerToken();
            session.update(round.newContext(), kvBytes, System.nanoTime());
            ok = true;
            return round.response();
        } finally {
            if (ok) {
                sessions.release(session);
            } else {
                session.lock().unlock();
                sessions.discard(session);
            }
        }
    }

    private record Round(VerifyResponse response, int[] newContext) {
    }

    private Round round(ModelVerifier verifier, int[] context, VerifyCall call, String sessionId, BooleanSupplier cancelled) {
        SamplingParams params = params(call);
        VerifyResult r = verifier.verify(context, call.draftIds(), draftProbabilities(call), params);
        int[] emitted = r.emitted(call.draftIds());
        int[] sequence = concat(context, emitted);
        List<Double> logprobs = new ArrayList<>(r.targetLogProbs().length);
        for (double lp : r.targetLogProbs()) {
            logprobs.add(lp);
        }
        if (call.continueMaxTokens().isEmpty()) {
            return new Round(new VerifyResponse(r.accepted(), r.nextToken(), logprobs, sessionId, null, null), sequence);
        }
        if (model.stopTokenIds().contains(r.nextToken())) {
            return new Round(new VerifyResponse(r.accepted(), r.nextToken(), logprobs, sessionId, List.of(), "stop"), sequence);
        }
        GenerationResult g = continuation(verifier, sequence, call.continueMaxTokens().getAsInt(), params, cancelled);
        if (g.finishReason() == FinishReason.CANCELLED) {
            throw ApiException.shuttingDown("the one-shot continuation was stopped after " + g.tokens().length + " tokens");
        }
        List<Integer> continuation = Arrays.stream(g.tokens()).boxed().toList();
        String finish = g.finishReason() == FinishReason.MAX_TOKENS ? "length" : "stop";
        return new Round(new VerifyResponse(r.accepted(), r.nextToken(), logprobs, sessionId, continuation, finish),
                concat(sequence, g.tokens()));
    }

    /**
     * Finishes the answer after {@code sequence} on the verifier's own KV cache, with draft-model
     * speculation when the gateway has a draft model (lossless: same tokens as plain decoding).
     */
    private GenerationResult continuation(ModelVerifier verifier, int[] sequence, int maxTokens, SamplingParams params,
                                          BooleanSupplier cancelled) {
        boolean speculate = model.hasDraft();
        GenerationRequest request = GenerationRequest.of(sequence, maxTokens, speculate ? Decoding.DRAFT_MODEL : Decoding.VANILLA)
                .withSampling(params)
                .withStops(model.stopTokenIds(), List.of())
                .withDraftLength(2, 10);
        if (!speculate) {
            return new Generator(verifier.target(), null, null, null).generate(request, TokenListener.NONE, cancelled);
        }
        try (DecoderSession draft = new DecoderSession(model.engine().draft().orElseThrow(), EngineLimits.unlimited())) {
            return new Generator(verifier.target(), new DraftModelDrafter(draft, params), draft, null)
                    .generate(request, TokenListener.NONE, cancelled);
        }
    }

    /**
     * Greedy, or the round's temperature, top-k and top-p: they shape the target distribution p of the acceptance
     * test min(1, p(x)/q(x)), the residual the correction is drawn from, the bonus token and a one-shot continuation.
     */
    private static SamplingParams params(VerifyCall call) {
        if (call.mode() == VerifyMode.GREEDY) {
            return SamplingParams.greedy();
        }
        long seed = call.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        VerifyCall.Sampling s = call.sampling();
        return new SamplingParams(s.temperature(), s.topK(), s.topP(), seed);
    }

    /**
     * The wire carries only q(x), the draft's probability of each draft token, not its whole
     * distribution. The acceptance test min(1, p(x)/q(x)) needs only q(x); for the residual on
     * rejection the draft's remaining mass is assumed spread evenly over the other tokens. Without
     * log-probabilities the drafter counts as deterministic (a point mass), which is exact for greedy drafts.
     */
    private double[][] draftProbabilities(VerifyCall call) {
        if (call.mode() == VerifyMode.GREEDY || call.draftLogprobs() == null) {
            return null;
        }
        int vocab = model.vocabSize();
        int k = call.draftIds().length;
        if ((long) k * vocab > MAX_DRAFT_PROB_ENTRIES) {
            throw ApiException.invalid("draft_logprobs", "draft of " + k + " tokens over a vocabulary of " + vocab
                    + " is too large to verify with draft log-probabilities; send at most "
                    + MAX_DRAFT_PROB_ENTRIES / vocab + " tokens, or omit draft_logprobs");
        }
        double[][] q = new double[k][];
        for (int i = 0; i < k; i++) {
            double qx = Math.exp(call.draftLogprobs()[i]);
            double rest = (1 - qx) / (vocab - 1);
            q[i] = new double[vocab];
            Arrays.fill(q[i], rest);
            q[i][call.draftIds()[i]] = qx;
        }
        return q;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
