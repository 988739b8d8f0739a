package io.edgerouter.engine;

import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.chat.ChatTemplate;
import io.edgerouter.engine.chat.EngineTokenizer;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.Verifier;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point: a target model (and optionally a draft model sharing its tokenizer) loaded from Optimum ONNX
 * directories. Hands out {@link Conversation}s (generation with KV-cache reuse across turns) and {@link Verifier}
 * sessions (for the cloud side of speculative decoding).
 */
public final class LocalEngine implements AutoCloseable {

    /**
     * @param targetDir      directory with model.onnx, config.json, tokenizer.json
     * @param draftDir       optional draft model directory (same tokenizer), or null
     * @param limits         per-session memory budget
     * @param intraOpThreads ONNX Runtime intra-op threads, ≥ 1
     */
    public record Options(Path targetDir, Path draftDir, EngineLimits limits, int intraOpThreads) {
        public Options {
            if (targetDir == null) {
                throw new InvalidRequestException("targetDir is required");
            }
            if (intraOpThreads < 1) {
                throw new InvalidRequestException("intraOpThreads must be ≥ 1, got " + intraOpThreads);
            }
            limits = limits == null ? EngineLimits.unlimited() : limits;
        }

        public static Options of(Path targetDir, Path draftDir) {
            return new Options(targetDir, draftDir, EngineLimits.unlimited(), 1);
        }
    }

    private final Options options;
    private final CausalLm target;
    private final CausalLm draft;
    private final EngineTokenizer tokenizer;
    private boolean closed;

    private LocalEngine(Options options, CausalLm target, CausalLm draft, EngineTokenizer tokenizer) {
        this.options = options;
        this.target = target;
        this.draft = draft;
        this.tokenizer = tokenizer;
    }

    public static LocalEngine open(Options options) {
        EngineTokenizer tokenizer = EngineTokenizer.load(options.targetDir());
        CausalLm target = null;
        try {
            target = CausalLm.load(options.targetDir(), options.intraOpThreads());
            CausalLm draft = options.draftDir() == null ? null
                    : CausalLm.load(options.draftDir(), options.intraOpThreads());
            if (draft != null && draft.vocabSize() != target.vocabSize()) {
                draft.close();
                throw new ModelLoadException("draft vocabulary " + draft.vocabSize() + " differs from the target's "
                        + target.vocabSize() + ": the draft must share the target's tokenizer");
            }
            return new LocalEngine(options, target, draft, tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (target != null) {
                target.close();
            }
            throw e;
        }
    }

    public CausalLm target() {
        return target;
    }

    public Optional<CausalLm> draft() {
        return Optional.ofNullable(draft);
    }

    public EngineTokenizer tokenizer() {
        return tokenizer;
    }

    /** The target's chat template; throws {@link ModelLoadException} naming the problem when it is not supported. */
    public ChatTemplate chatTemplate() {
        return ChatTemplate.fromModelDirectory(options.targetDir());
    }

    /** Renders messages with the chat template (generation prompt appended) and tokenises them. */
    public int[] chatPrompt(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            throw new InvalidRequestException("empty prompt: no chat messages");
        }
        return tokenizer.encode(chatTemplate().render(messages, true));
    }

    /** EOS ids from config.json / generation_config.json plus the chat template's end-of-turn token. */
    public Set<Integer> stopTokenIds() {
        Set<Integer> ids = new HashSet<>(target.config().eosTokenIds());
        try {
            int[] eot = tokenizer.encode(chatTemplate().endOfTurn());
            if (eot.length == 1) {
                ids.add(eot[0]);
            }
        } catch (ModelLoadException noTemplate) {
            // without a chat template only the configured EOS ids stop generation
        }
        return Set.copyOf(ids);
    }

    public Conversation newConversation() {
        return new Conversation(this);
    }

    /** A verify session over its own target KV cache, kept between rounds. */
    public Verifier newVerifier(SamplingParams params) {
        return new Verifier(newTargetSession(), params);
    }

    DecoderSession newTargetSession() {
        return new DecoderSession(target, options.limits());
    }

    DecoderSession newDraftSession() {
        if (draft == null) {
            throw new InvalidRequestException("DRAFT_MODEL decoding needs a draft model; none was configured");
        }
        return new DecoderSession(draft, options.limits());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
            target.close();
            if (draft != null) {
                draft.close();
            }
        }
    }
}
