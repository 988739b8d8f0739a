package io.edgerouter.engine;

import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.sampling.TopLogprobs;
import io.edgerouter.engine.spec.Draft;
import io.edgerouter.engine.spec.DraftLengthController;
import io.edgerouter.engine.spec.Drafter;
import io.edgerouter.engine.spec.ModelVerifier;
import io.edgerouter.engine.spec.VerifyResult;
import io.edgerouter.engine.spec.Verifier;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The decoding loop. Vanilla decoding is the special case of an empty draft: every round is one
 * {@link Verifier#verify} call, so plain and speculative decoding share the same target-side code and greedy
 * speculative output is the target's greedy output by construction.
 */
public final class Generator {

    private final DecoderSession target;
    private final Drafter drafter;
    private final DecoderSession draftSession;
    private final Function<int[], String> detokenizer;

    /**
     * @param drafter      null for vanilla decoding
     * @param draftSession the drafter's session when it has one (its run time is accounted), else null
     * @param detokenizer  ids → text, or null (then no text, and stop strings cannot be used)
     */
    public Generator(DecoderSession target, Drafter drafter, DecoderSession draftSession,
                     Function<int[], String> detokenizer) {
        this.target = target;
        this.drafter = drafter;
        this.draftSession = draftSession;
        this.detokenizer = detokenizer;
    }

    public GenerationResult generate(GenerationRequest request, TokenListener listener, BooleanSupplier cancelled) {
        if (detokenizer == null && !request.stopStrings().isEmpty()) {
            throw new InvalidRequestException("stop strings need a tokenizer to decode the output");
        }
        int[] prompt = request.promptTokens();
        target.checkBudget(prompt.length + request.maxTokens());
        long start = System.nanoTime();
        long runStart = runNanos();
        Verifier verifier = new ModelVerifier(target, request.sampling());
        DraftLengthController controller = new DraftLengthController(request.minDraft(), request.maxDraft(),
                request.minDraft());
        Output out = new Output(prompt, request, listener);
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
            controller.record(draft.size(), result.accepted());
            int[] emitted = result.emitted(draft.tokens());
            for (int i = 0; i < emitted.length; i++) {
                if (out.emit(emitted[i], result.targetLogProbs()[i],
                        result.top().isEmpty() ? TopLogprobs.NONE : result.top().get(i))) {
                    break;
                }
                if (cancelled.getAsBoolean()) { // checked per token: a round may emit several
                    out.finish = FinishReason.CANCELLED;
                    break;
                }
            }
        }
        return new GenerationResult(out.generatedTokens(), out.finalText(), out.finish, rounds, controller.drafted(),
                controller.accepted(), System.nanoTime() - start, runNanos() - runStart);
    }

    private long runNanos() {
        return target.model().runNanos() + (draftSession == null ? 0 : draftSession.model().runNanos());
    }

    /** The growing sequence plus stop-condition and streaming bookkeeping. */
    private final class Output {
        private final GenerationRequest request;
        private final TokenListener listener;
        private final int promptLength;
        private final boolean needsText;
        private int[] seq;
        private int length;
        private int generated;
        private String text = "";
        private String streamed = "";
        private FinishReason finish;

        Output(int[] prompt, GenerationRequest request, TokenListener listener) {
            this.request = request;
            this.listener = listener;
            this.promptLength = prompt.length;
            this.needsText = detokenizer != null
                    && (listener != TokenListener.NONE || !request.stopStrings().isEmpty());
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
            String delta = needsText ? updateText(last) : "";
            listener.onToken(token, delta, logProb, top); // the token completing a stop string is streamed with the cut text
            if (finish == null && last) {
                finish = FinishReason.MAX_TOKENS;
            }
            return finish != null;
        }

        /** Decodes the output so far; returns the newly visible text (everything when {@code last}). */
        private String updateText(boolean last) {
            String full = detokenizer.apply(generatedTokens());
            for (String stop : request.stopStrings()) {
                int at = full.indexOf(stop);
                if (at >= 0) {
                    full = full.substring(0, at);
                    finish = FinishReason.STOP_STRING;
                }
            }
            int visible = full.length();
            if (!last && full.endsWith("\uFFFD")) { // an incomplete multi-byte character: wait for its other bytes
                visible = full.lastIndexOf('\uFFFD');
            }
            if (finish == null && !last) { // hold back a tail that may be the start of a stop string
                visible = Math.min(visible, full.length() - stopPrefixLength(full));
            }
            String shown = full.substring(0, Math.min(full.length(), Math.max(visible, streamed.length())));
            String delta = shown.length() > streamed.length() ? shown.substring(streamed.length()) : "";
            streamed = shown;
            text = full;
            return delta;
        }

        private int stopPrefixLength(String full) {
            int longest = 0;
            for (String stop : request.stopStrings()) {
                for (int n = Math.min(stop.length() - 1, full.length()); n > longest; n--) {
                    if (full.endsWith(stop.substring(0, n))) {
                        longest = n;
                        break;
                    }
                }
            }
            return longest;
        }

        int[] generatedTokens() {
            return Arrays.copyOfRange(seq, promptLength, length);
        }

        String finalText() {
            return detokenizer == null ? "" : finish == FinishReason.STOP_STRING ? text
                    : detokenizer.apply(generatedTokens());
        }
    }
}
