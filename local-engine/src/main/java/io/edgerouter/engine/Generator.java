package io.edgerouter.engine;

import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.sampling.TopLogprobs;
import io.edgerouter.engine.spec.Draft;
import io.edgerouter.engine.spec.DraftLengthController;
import io.edgerouter.engine.spec.Drafter;
import io.edgerouter.engine.spec.ModelVerifier;
import io.edgerouter.engine.spec.Verifier;
import io.edgerouter.engine.spec.VerifyResult;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The decoding loop. Vanilla decoding is the special case of an empty draft: every round is one
 * {@link Verifier#verify} call, so plain and speculative decoding share the same target-side code and greedy
 * speculative output is the target's greedy output by construction. The verifier is a plug-in: a local target model
 * ({@link ModelVerifier}) or the cloud (the edge agent's VERIFY route), and the loop around it (draft length,
 * stop tokens and strings, streaming, max tokens, cancellation) is this one either way.
 */
public final class Generator {

    private final Function<GenerationRequest, Verifier> verifiers;
    private final Drafter drafter;
    private final DecoderSession budget;
    private final List<DecoderSession> timed;
    private final Function<int[], String> detokenizer;

    /**
     * Decodes with the local {@code target} model (a {@link ModelVerifier} over it per call).
     *
     * @param drafter      null for vanilla decoding
     * @param draftSession the drafter's session when it has one (its run time is accounted), else null
     * @param detokenizer  ids → text, or null (then no text, and stop strings cannot be used)
     */
    public Generator(DecoderSession target, Drafter drafter, DecoderSession draftSession,
                     Function<int[], String> detokenizer) {
        this(request -> new ModelVerifier(target, request.sampling()), drafter, target,
                draftSession == null ? List.of(target) : List.of(target, draftSession), detokenizer);
    }

    private Generator(Function<GenerationRequest, Verifier> verifiers, Drafter drafter, DecoderSession budget,
                      List<DecoderSession> timed, Function<int[], String> detokenizer) {
        this.verifiers = verifiers;
        this.drafter = drafter;
        this.budget = budget;
        this.timed = timed;
        this.detokenizer = detokenizer;
    }

    /**
     * Decodes with a caller's verifier, e.g. one that sends each draft to the cloud. The verifier keeps whatever state
     * it has between calls (a remote KV-cache session); its exceptions reach the caller of {@link #generate}.
     *
     * @param drafter     proposes the tokens to verify; null for one verified token per round
     * @param detokenizer ids → text, or null (then no text, and stop strings cannot be used)
     */
    public static Generator withVerifier(Verifier verifier, Drafter drafter, Function<int[], String> detokenizer) {
        return withVerifier(verifier, drafter, null, detokenizer);
    }

    /**
     * As {@link #withVerifier(Verifier, Drafter, Function)}, with the local session the drafter runs in (the draft
     * model's): prompt + maxTokens is checked against its budget before generating, and its run time is reported in
     * {@link GenerationResult#runNanos()}.
     *
     * @param localSession the drafter's session, or null (no budget check; run time 0)
     */
    public static Generator withVerifier(Verifier verifier, Drafter drafter, DecoderSession localSession,
                                         Function<int[], String> detokenizer) {
        Objects.requireNonNull(verifier, "verifier");
        return new Generator(request -> verifier, drafter, localSession,
                localSession == null ? List.of() : List.of(localSession), detokenizer);
    }

    /**
     * Generates a continuation of {@code request.promptTokens()}.
     *
     * @param listener  called on this thread once per emitted token
     * @param cancelled polled before each round and after each emitted token
     * @throws InvalidRequestException  when stop strings are asked for without a detokenizer
     * @throws BudgetExceededException  when prompt + maxTokens exceeds the budget session's limits
     * @throws RuntimeException         whatever the verifier or drafter throws, unchanged; the listener has then seen
     *                                  exactly the tokens of the rounds before
     */
    public GenerationResult generate(GenerationRequest request, TokenListener listener, BooleanSupplier cancelled) {
        if (detokenizer == null && !request.stopStrings().isEmpty()) {
            throw new InvalidRequestException("stop strings need a tokenizer to decode the output");
        }
        int[] prompt = request.promptTokens();
        if (budget != null) {
            budget.checkBudget(prompt.length + request.maxTokens());
        }
        long start = System.nanoTime();
        long runStart = runNanos();
        Verifier verifier = verifiers.apply(request);
        DraftLengthController controller = new DraftLengthController(request.minDraft(), request.maxDraft(),
                request.minDraft());
        Output out = new Output(request, listener);
        int rounds = 0;
        while (out.finish == null) {
            if (cancelled.getAsBoolean()) {
                out.finish = FinishReason.CANCELLED;
                break;
            }
            int k = drafter == null ? 0 : Math.min(controller.k(), request.maxTokens() - out.generated - 1);
            int[] context = out.sequence();
            Draft draft = k > 0 ? drafter.draft(context, k) : Draft.EMPTY;
            VerifyResult result = verifier.verify(context, draft.tokens(), draft.probabilities(), request.sampling(),
                    request.topLogprobs());
            rounds++;
            checkResult(result, draft);
            controller.record(draft.size(), result.accepted());
            emitRound(out, result, draft, cancelled);
        }
        return new GenerationResult(out.generatedTokens(), out.finalText(), out.finish, rounds, controller.drafted(),
                controller.accepted(), System.nanoTime() - start, runNanos() - runStart);
    }

    private static void emitRound(Output out, VerifyResult result, Draft draft, BooleanSupplier cancelled) {
        int[] emitted = result.emitted(draft.tokens());
        for (int i = 0; i < emitted.length; i++) {
            if (out.emit(emitted[i], result.targetLogProbs()[i],
                    result.top().isEmpty() ? TopLogprobs.NONE : result.top().get(i))) {
                return;
            }
            if (cancelled.getAsBoolean()) { // checked per token: a round may emit several
                out.finish = FinishReason.CANCELLED;
                return;
            }
        }
    }

    /** A verifier from elsewhere (the network) must not make the loop emit tokens that were never drafted. */
    private static void checkResult(VerifyResult result, Draft draft) {
        if (result.accepted() > draft.size() || result.nextToken() < 0
                || (!result.top().isEmpty() && result.top().size() != result.accepted() + 1)) {
            throw new EngineException("the verifier returned accepted=" + result.accepted() + ", next token "
                    + result.nextToken() + " and " + result.top().size() + " top-logprob rows for a draft of "
                    + draft.size() + " tokens (need accepted ≤ draft length, next token ≥ 0, no rows or accepted + 1)",
                    false);
        }
    }

    private long runNanos() {
        long sum = 0;
        for (DecoderSession session : timed) {
            sum += session.model().runNanos();
        }
        return sum;
    }

    /** The growing sequence plus stop-condition and streaming bookkeeping. */
    private final class Output {
        private final GenerationRequest request;
        private final TokenListener listener;
        private final int promptLength;
        private final int answerStart;
        private final AnswerText text;
        private final boolean streamsText;
        private final int[] seq;
        private int length;
        private int generated;
        private FinishReason finish;

        Output(GenerationRequest request, TokenListener listener) {
            int[] prompt = request.promptTokens();
            this.request = request;
            this.listener = listener;
            this.promptLength = prompt.length;
            this.answerStart = prompt.length - request.answerPrefix();
            this.text = detokenizer == null ? null : new AnswerText(detokenizer, request.stopStrings(),
                    Arrays.copyOfRange(prompt, answerStart, prompt.length));
            this.streamsText = text != null && (listener != TokenListener.NONE || !request.stopStrings().isEmpty());
            this.seq = Arrays.copyOf(prompt, prompt.length + request.maxTokens() + 1);
            this.length = prompt.length;
        }

        int[] sequence() {
            return Arrays.copyOf(seq, length);
        }

        /** Appends one token; returns true when generation is finished. */
        boolean emit(int token, double logProb, TopLogprobs top) {
            if (request.stopTokenIds().contains(token)) {
                finish = FinishReason.STOP_TOKEN;
                return true;
            }
            seq[length++] = token;
            generated++;
            boolean last = generated >= request.maxTokens();
            String delta = "";
            if (streamsText) {
                delta = text.update(answerTokens(), last);
                if (text.stopped()) {
                    finish = FinishReason.STOP_STRING;
                }
            }
            listener.onToken(token, delta, logProb, top); // the token completing a stop string is streamed with the cut text
            if (finish == null && last) {
                finish = FinishReason.MAX_TOKENS;
            }
            return finish != null;
        }

        /** The answer so far: the answer prefix, then the generated tokens. */
        private int[] answerTokens() {
            return Arrays.copyOfRange(seq, answerStart, length);
        }

        int[] generatedTokens() {
            return Arrays.copyOfRange(seq, promptLength, length);
        }

        String finalText() {
            return text == null ? "" : text.finalText(answerTokens());
        }
    }
}
