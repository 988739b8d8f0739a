package io.edgerouter.engine;

import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.spec.DraftModelDrafter;
import io.edgerouter.engine.spec.Drafter;
import io.edgerouter.engine.spec.PromptLookupDrafter;

import java.util.function.BooleanSupplier;

/**
 * One conversation: its target (and draft) KV caches survive between calls, so a follow-up turn whose prompt
 * starts with the previous prompt + answer only processes the new tokens. Calls on one conversation are serialised
 * (its methods are synchronized); different conversations of one engine run concurrently. Close it to free its KV
 * caches (native memory).
 */
public final class Conversation implements AutoCloseable {

    private final LocalEngine engine;
    private final DecoderSession target;
    private DecoderSession draft;

    Conversation(LocalEngine engine) {
        this.engine = engine;
        this.target = engine.newTargetSession();
    }

    /** The target session (its cache holds the last prompt + answer, minus the final token). */
    public DecoderSession targetSession() {
        return target;
    }

    /** The token ids its target KV cache holds (after a generate call: the prompt + answer, minus the final token). */
    public synchronized int[] cachedTokens() {
        return target.tokens();
    }

    /** Bytes its KV caches hold (target and, when one was used, draft model), native memory freed by {@link #close}. */
    public synchronized long kvBytes() {
        return target.cache().bytes() + (draft == null ? 0 : draft.cache().bytes());
    }

    /** Generates without streaming or cancellation. */
    public GenerationResult generate(GenerationRequest request) {
        return generate(request, TokenListener.NONE, () -> false);
    }

    /**
     * Generates a continuation of {@code request.promptTokens()}.
     *
     * @param listener  called on this thread once per emitted token
     * @param cancelled polled before each round and after each emitted token; true ends generation with
     *                  {@link FinishReason#CANCELLED}
     * @throws InvalidRequestException  when the request needs a draft model that was not configured
     * @throws BudgetExceededException  when prompt + maxTokens exceeds the context or KV-byte budget
     */
    public synchronized GenerationResult generate(GenerationRequest request, TokenListener listener,
                                                  BooleanSupplier cancelled) {
        Drafter drafter = switch (request.decoding()) {
            case VANILLA -> null;
            case PROMPT_LOOKUP -> new PromptLookupDrafter();
            case DRAFT_MODEL -> new DraftModelDrafter(draftSession(), request.sampling());
        };
        DecoderSession draftSession = request.decoding() == Decoding.DRAFT_MODEL ? draft : null;
        return new Generator(target, drafter, draftSession, engine.tokenizer()::decode)
                .generate(request, listener, cancelled);
    }

    /**
     * Loads {@code tokens} into the KV caches ahead of time (the target's, and the draft model's when the engine has
     * one), reusing what they already hold. A later {@link #generate} whose prompt starts with {@code tokens} then
     * runs only the rest: e.g. prefill a long shared system prompt once, or {@code prompt} minus its last token to
     * take the whole prefill out of the generate call.
     *
     * @throws InvalidRequestException when {@code tokens} is empty or holds ids outside the vocabulary
     * @throws BudgetExceededException when {@code tokens} exceeds the context or KV-byte budget
     */
    public synchronized void prefill(int[] tokens) {
        target.extendTo(tokens, 1);
        if (engine.draft().isPresent()) {
            draftSession().extendTo(tokens, 1);
        }
    }

    /**
     * Prefills the whole of {@code prompt} into the target's KV cache (reusing what it holds) and returns what the
     * prefill's logits say about it ({@link DecoderSession#prefill}). A following {@link #generate} of this prompt
     * starts decoding at once: together they run the target's forward passes generate alone would. The draft model's
     * cache is left to generate, which fills it as it would anyway.
     *
     * @throws InvalidRequestException when {@code prompt} is empty or holds ids outside the vocabulary
     * @throws BudgetExceededException when {@code prompt} exceeds the context or KV-byte budget
     */
    public synchronized PrefillStats prefillPrompt(int[] prompt) {
        return target.prefill(prompt);
    }

    private synchronized DecoderSession draftSession() {
        if (draft == null) {
            draft = engine.newDraftSession();
        }
        return draft;
    }

    /** Frees the KV caches; closing twice is harmless. */
    @Override
    public synchronized void close() {
        target.close();
        if (draft != null) {
            draft.close();
        }
    }
}
