package io.edgerouter.engine;

import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.spec.DraftModelDrafter;
import io.edgerouter.engine.spec.Drafter;
import io.edgerouter.engine.spec.PromptLookupDrafter;

import java.util.function.BooleanSupplier;

/**
 * One conversation: its target (and draft) KV caches survive between calls, so a follow-up turn whose prompt
 * starts with the previous prompt + answer only processes the new tokens. Not thread-safe.
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

    public GenerationResult generate(GenerationRequest request) {
        return generate(request, TokenListener.NONE, () -> false);
    }

    public GenerationResult generate(GenerationRequest request, TokenListener listener, BooleanSupplier cancelled) {
        Drafter drafter = switch (request.decoding()) {
            case VANILLA -> null;
            case PROMPT_LOOKUP -> new PromptLookupDrafter();
            case DRAFT_MODEL -> new DraftModelDrafter(draftSession(), request.sampling());
        };
        DecoderSession draftSession = request.decoding() == Decoding.DRAFT_MODEL ? draft : null;
        return new Generator(target, drafter, draftSession, engine.tokenizer()::decode)
                .generate(request, listener, cancelled);
    }

    private DecoderSession draftSession() {
        if (draft == null) {
            draft = engine.newDraftSession();
        }
        return draft;
    }

    @Override
    public void close() {
        target.close();
        if (draft != null) {
            draft.close();
        }
    }
}
