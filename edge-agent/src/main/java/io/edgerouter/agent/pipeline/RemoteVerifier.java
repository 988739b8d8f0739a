package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.Verifier;
import io.edgerouter.engine.spec.VerifyResult;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.verify.VerifyMode;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The cloud model as the engine's {@link Verifier}: each round sends, through the egress gate, only the ids the
 * gateway's session does not hold yet plus the draft, and returns the gateway's verdict. The session's context after
 * a round is {@code context + accepted + next (+ continuation)}, exactly what the engine's loop commits, so the next
 * round appends only what the loop added since. Sampling rounds carry the request's temperature, top-p and top-k, and a
 * seed derived from the request's seed and the position.
 *
 * <p>One-shot style: the first round asks the gateway to finish the answer ({@code continue_max_tokens}); its
 * continuation is then handed to the loop over the next rounds as already-verified tokens (the drafter proposes them,
 * this verifier accepts them without a call), ending on a stop token when the gateway stopped.
 *
 * <p>A lost session ({@code session_not_found}: evicted or expired on the gateway, or a round that reached another
 * replica than the one holding the session) is recovered by resending the whole context, as often as it happens: a
 * whole-context round always makes progress, since it creates the session where it lands. Only a whole-context round
 * that itself comes back {@code session_not_found} fails. Other failures propagate to {@link RecoveringVerifier}.
 */
final class RemoteVerifier implements Verifier {

    /** Ids before the new ones that the gate decodes with them, so a value split across rounds is seen whole. */
    private static final int OVERLAP = 16;

    private final Calls gate;
    private final Vault vault;
    private final RequestContext ctx;
    private final String tokenizerHash;
    private final String sessionId;
    private final int answerStart;
    private final int maxTokens;
    private final boolean oneShot;
    private final int stopToken;
    private final Deque<Integer> pending = new ArrayDeque<>();
    private int sessionLength = -1;
    private int resends;
    private boolean finishedStop;
    private int rounds;
    private int drafted;
    private int accepted;
    private int cloudTokens;

    /**
     * @param answerStart where the answer begins in the contexts the loop passes (prompt plus any answer prefix)
     * @param maxTokens   the answer's token budget after {@code answerStart}
     * @param stopToken   a stop token id, returned after a one-shot continuation the gateway ended with a stop
     */
    /** How a round reaches the cloud: {@link EgressGate#verify}. */
    @FunctionalInterface
    interface Calls {
        VerifyResponse verify(VerifyRequest request, int[] preceding, Vault vault, RequestContext ctx);
    }

    RemoteVerifier(Calls gate, Vault vault, RequestContext ctx, String tokenizerHash, String sessionId, int answerStart,
                   int maxTokens, boolean oneShot, int stopToken) {
        this.gate = gate;
        this.vault = vault;
        this.ctx = ctx;
        this.tokenizerHash = tokenizerHash;
        this.sessionId = sessionId;
        this.answerStart = answerStart;
        this.maxTokens = maxTokens;
        this.oneShot = oneShot;
        this.stopToken = stopToken;
    }

    /** Whether the gateway holds a session for this answer (it should be ended). */
    boolean started() {
        return sessionLength >= 0 || rounds > 0;
    }

    String sessionId() {
        return sessionId;
    }

    int rounds() {
        return rounds;
    }

    /** Rounds that had to resend the whole context because the gateway that answered held no session. */
    int resends() {
        return resends;
    }

    int drafted() {
        return drafted;
    }

    int accepted() {
        return accepted;
    }

    /** Tokens sent to the cloud plus tokens it produced. */
    int cloudTokens() {
        return cloudTokens;
    }

    /** Tokens of a one-shot continuation not yet handed to the loop (the drafter proposes them). */
    int[] pending(int k) {
        int n = Math.min(k, pending.size() - 1);
        int[] out = new int[Math.max(0, n)];
        int i = 0;
        for (int id : pending) {
            if (i >= out.length) {
                break;
            }
            out[i++] = id;
        }
        return out;
    }

    /** Whether the next round is answered from the continuation (or the gateway's stop) without a call. */
    boolean answersWithoutCall() {
        return !pending.isEmpty() || finishedStop;
    }

    @Override
    public VerifyResult verify(int[] context, int[] draft, double[][] draftProbs, SamplingParams params, int topLogprobs) {
        if (!pending.isEmpty()) {
            int n = 0;
            while (n < draft.length && !pending.isEmpty() && pending.peekFirst() == draft[n]) {
                pending.pollFirst();
                n++;
            }
            int next = pending.isEmpty() ? stopToken : pending.pollFirst();
            return new VerifyResult(n, next, new double[n + 1]);
        }
        if (finishedStop) {
            return new VerifyResult(0, stopToken, new double[1]);
        }
        try {
            return round(context, draft, draftProbs, params);
        } catch (CloudRejectedException e) {
            if (!e.sessionLost() || sessionLength < 0) { // lost even though this round sent the whole context
                throw e;
            }
            resends++;
            sessionLength = -1; // the gateway that answered holds no such session: send the whole context again
            return round(context, draft, draftProbs, params);
        }
    }

    private VerifyResult round(int[] context, int[] draft, double[][] draftProbs, SamplingParams params) {
        boolean whole = sessionLength < 0 || sessionLength > context.length;
        int from = whole ? 0 : sessionLength;
        List<Integer> ids = new ArrayList<>(context.length - from);
        for (int i = from; i < context.length; i++) {
            ids.add(context[i]);
        }
        List<Integer> draftIds = Arrays.stream(draft).boxed().toList();
        List<Double> draftLogprobs = null;
        if (draftProbs != null && !params.isGreedy()) {
            draftLogprobs = new ArrayList<>(draft.length);
            for (int i = 0; i < draft.length; i++) {
                draftLogprobs.add(Math.log(Math.max(Double.MIN_NORMAL, draftProbs[i][draft[i]])));
            }
        }
        int generated = context.length - answerStart;
        Integer continueMax = null;
        if (oneShot && rounds == 0) {
            int left = maxTokens - generated - draft.length - 1;
            continueMax = left > 0 ? left : null;
        }
        boolean greedy = params.isGreedy();
        VerifyRequest request = new VerifyRequest(tokenizerHash, sessionId, whole ? ids : null, whole ? null : ids, draftIds,
                draftLogprobs, greedy ? VerifyMode.GREEDY : VerifyMode.SAMPLE, greedy ? null : params.seed() + context.length,
                greedy ? null : params.temperature(), greedy || params.topP() >= 1.0 ? null : params.topP(),
                greedy || params.topK() <= 0 ? null : params.topK(), continueMax);
        int[] preceding = Arrays.copyOfRange(context, Math.max(0, from - OVERLAP), from);
        VerifyResponse r = gate.verify(request, preceding, vault, ctx);
        rounds++;
        int a = Math.max(0, Math.min(r.accepted(), draft.length));
        drafted += draft.length;
        accepted += a;
        List<Integer> continuation = r.continuationIds() == null ? List.of() : r.continuationIds();
        cloudTokens += ids.size() + draft.length + 1 + continuation.size();
        sessionLength = context.length + a + 1 + continuation.size();
        pending.addAll(continuation);
        if (continueMax != null && "stop".equals(r.finishReason())) {
            finishedStop = true;
        }
        double[] logProbs = new double[a + 1];
        if (r.targetLogprobs() != null && r.targetLogprobs().size() == a + 1) {
            for (int i = 0; i <= a; i++) {
                logProbs[i] = r.targetLogprobs().get(i);
            }
        }
        return new VerifyResult(a, r.nextToken(), logProbs);
    }
}
