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
 *
 * <pre>{@code
 * TinyModels.Pair pair = TinyModels.generate(dir, TinyModelSpec.small());   // or a real Optimum export
 * try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), pair.draft()))) {
 *     GenerationResult answer = engine.chat(List.of(new ChatMessage("user", "Summarise: ...")), 64);
 *     try (Verifier verifier = engine.newVerifier(SamplingParams.greedy())) {
 *         VerifyResult r = verifier.verify(contextIds, draftIds, null);
 *     }
 * }
 * }</pre>
 *
 * <p>Threads: the engine (models, tokenizer, chat template) is shared and thread-safe; each thread works in its own
 * {@link Conversation} or {@link Verifier}, which hold one sequence's KV cache and are independent of each other.
 * Close the engine only after every conversation and verifier using it is done.
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
    private final ChatTemplate template;
    private final ModelLoadException templateProblem;
    private final Set<Integer> stopTokenIds;
    private volatile boolean closed;

    private LocalEngine(Options options, CausalLm target, CausalLm draft, EngineTokenizer tokenizer) {
        this.options = options;
        this.target = target;
        this.draft = draft;
        this.tokenizer = tokenizer;
        ChatTemplate found = null;
        ModelLoadException problem = null;
        try {
            found = ChatTemplate.fromModelDirectory(options.targetDir());
        } catch (ModelLoadException e) {
            problem = e; // raw-token use still works; chat calls report this
        }
        this.template = found;
        this.templateProblem = problem;
        this.stopTokenIds = findStopTokenIds();
    }

    /**
     * Loads the target (and draft) model and the target's tokenizer.
     *
     * @throws ModelLoadException naming the missing file or input when a directory is not an Optimum causal-LM
     *                            export, or when the draft's vocabulary differs from the target's
     */
    public static LocalEngine open(Options options) {
        EngineTokenizer tokenizer = EngineTokenizer.load(options.targetDir());
        CausalLm target = null;
        CausalLm draft = null;
        try {
            target = CausalLm.load(options.targetDir(), options.intraOpThreads());
            draft = options.draftDir() == null ? null : CausalLm.load(options.draftDir(), options.intraOpThreads());
            if (draft != null && draft.vocabSize() != target.vocabSize()) {
                throw new ModelLoadException("draft vocabulary " + draft.vocabSize() + " differs from the target's "
                        + target.vocabSize() + ": the draft must share the target's tokenizer");
            }
            return new LocalEngine(options, target, draft, tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            for (CausalLm model : new CausalLm[] {target, draft}) {
                if (model != null) {
                    model.close();
                }
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
        if (template == null) {
            throw new ModelLoadException(templateProblem.getMessage(), templateProblem);
        }
        return template;
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
        return stopTokenIds;
    }

    private Set<Integer> findStopTokenIds() {
        Set<Integer> ids = new HashSet<>(target.config().eosTokenIds());
        if (template != null) { // without a chat template only the configured EOS ids stop generation
            int[] eot = tokenizer.encode(template.endOfTurn());
            if (eot.length == 1) {
                ids.add(eot[0]);
            }
        }
        return Set.copyOf(ids);
    }

    /**
     * One-shot greedy chat answer: renders {@code messages} with the chat template, stops at the end-of-turn / EOS
     * tokens or after {@code maxTokens}, and decodes speculatively (draft model when one is loaded, else prompt
     * lookup; greedy output is identical to plain decoding either way). For sampling, stop strings, streaming or
     * multi-turn KV reuse use {@link #newConversation()} with a {@link GenerationRequest}.
     */
    public GenerationResult chat(List<ChatMessage> messages, int maxTokens) {
        GenerationRequest request = GenerationRequest.of(chatPrompt(messages), maxTokens,
                        draft == null ? Decoding.PROMPT_LOOKUP : Decoding.DRAFT_MODEL)
                .withStops(stopTokenIds(), List.of());
        try (Conversation conversation = newConversation()) {
            return conversation.generate(request);
        }
    }

    /** A conversation with its own KV cache(s); use it from one thread at a time and close it when done. */
    public Conversation newConversation() {
        return new Conversation(this);
    }

    /**
     * A verify session over its own target KV cache, kept between rounds (one per edge session on the cloud side).
     * Verifiers are independent: several may verify concurrently on different threads. Close it when the session
     * ends to free its KV cache.
     *
     * @param params greedy ({@link SamplingParams#greedy()}) or the sampling parameters of the speculative-sampling
     *               acceptance rule; a per-round mode can be passed to {@link Verifier#verify(int[], int[],
     *               double[][], SamplingParams)}
     */
    public Verifier newVerifier(SamplingParams params) {
        return new Verifier(newTargetSession(), params, true);
    }

    DecoderSession newTargetSession() {
        ensureOpen();
        return new DecoderSession(target, options.limits());
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidRequestException("the engine for " + options.targetDir() + " is closed");
        }
    }

    DecoderSession newDraftSession() {
        ensureOpen();
        if (draft == null) {
            throw new InvalidRequestException("DRAFT_MODEL decoding needs a draft model; none was configured");
        }
        return new DecoderSession(draft, options.limits());
    }

    /** Frees the models and tokenizer; closing twice is harmless. */
    @Override
    public synchronized void close() {
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
