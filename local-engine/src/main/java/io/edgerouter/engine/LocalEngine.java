package io.edgerouter.engine;

import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.chat.ChatOptions;
import io.edgerouter.engine.chat.ChatPromptEncoder;
import io.edgerouter.engine.chat.ChatTemplate;
import io.edgerouter.engine.chat.ChatTemplateException;
import io.edgerouter.engine.chat.ChatTemplates;
import io.edgerouter.engine.chat.EngineTokenizer;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.source.ModelResolver;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.spec.ModelVerifier;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point: a target model (and optionally a draft model sharing its tokenizer) loaded from any layout
 * {@link ModelResolver} detects (Optimum, transformers.js, ONNX Runtime GenAI directories; GGUF and llama2.c files,
 * imported once). Hands out {@link Conversation}s (generation with KV-cache reuse across turns) and
 * {@link ModelVerifier} sessions (for the cloud side of speculative decoding).
 *
 * <pre>{@code
 * TinyModels.Pair pair = TinyModels.generate(dir, TinyModelSpec.small());   // or a real Optimum export
 * try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), pair.draft()))) {
 *     GenerationResult answer = engine.chat(List.of(new ChatMessage("user", "Summarise: ...")), 64);
 *     try (ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy())) {
 *         VerifyResult r = verifier.verify(contextIds, draftIds, null);
 *     }
 * }
 * }</pre>
 *
 * <p>Threads: the engine (models, tokenizer, chat template) is shared and thread-safe; each thread works in its own
 * {@link Conversation} or {@link ModelVerifier}, which hold one sequence's KV cache and are independent of each other.
 * Close the engine only after every conversation and verifier using it is done.
 */
public final class LocalEngine implements AutoCloseable {

    /**
     * @param target         the model to run
     * @param draft          optional draft model (same tokenizer), or null
     * @param limits         per-session memory budget
     * @param intraOpThreads ONNX Runtime intra-op threads, ≥ 1
     * @param importDir      where imported models (GGUF, llama2.c) are converted and cached; null = a directory under
     *                       {@code java.io.tmpdir}
     */
    public record Options(ModelSource target, ModelSource draft, EngineLimits limits, int intraOpThreads,
                          Path importDir) {
        public Options {
            if (target == null) {
                throw new InvalidRequestException("a target model is required");
            }
            if (intraOpThreads < 1) {
                throw new InvalidRequestException("intraOpThreads must be ≥ 1, got " + intraOpThreads);
            }
            limits = limits == null ? EngineLimits.unlimited() : limits;
            importDir = importDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "edge-router-imports")
                    : importDir;
        }

        /** Model directories or files with their own tokenizers. */
        public Options(Path target, Path draft, EngineLimits limits, int intraOpThreads) {
            this(ModelSource.of(target), draft == null ? null : ModelSource.of(draft), limits, intraOpThreads, null);
        }

        public static Options of(Path target, Path draft) {
            return new Options(target, draft, EngineLimits.unlimited(), 1);
        }
    }

    private final Options options;
    private final CausalLm target;
    private final CausalLm draft;
    private final EngineTokenizer tokenizer;
    private final ChatTemplate template; // null for a model without one
    private final boolean addBos;
    private final Set<Integer> stopTokenIds;
    private volatile boolean closed;

    private LocalEngine(Options options, CausalLm target, CausalLm draft, EngineTokenizer tokenizer) {
        this.options = options;
        this.target = target;
        this.draft = draft;
        this.tokenizer = tokenizer;
        this.template = ChatTemplates.fromModelDirectory(templateDirectory(target),
                tokenizer.specialTexts()).orElse(null);
        this.addBos = target.resolved().tokenizerConfig().map(LocalEngine::addsBos).orElse(false);
        this.stopTokenIds = findStopTokenIds();
    }

    /**
     * Loads the target (and draft) model and the target's tokenizer.
     *
     * @throws ModelLoadException naming the missing file or input when a model is not in a layout the engine reads,
     *                            when the tokenizer produces ids the model does not have, when the draft's
     *                            vocabulary differs from the target's, or naming the file when the model's chat
     *                            template does not parse
     */
    public static LocalEngine open(Options options) {
        ModelResolver resolver = ModelResolver.standard();
        CausalLm target = null;
        CausalLm draft = null;
        EngineTokenizer tokenizer = null;
        try {
            target = CausalLm.load(resolver.resolve(options.target(), options.importDir()), options.intraOpThreads());
            draft = options.draft() == null ? null
                    : CausalLm.load(resolver.resolve(options.draft(), options.importDir()), options.intraOpThreads());
            if (draft != null && draft.vocabSize() != target.vocabSize()) {
                throw new ModelLoadException("draft vocabulary " + draft.vocabSize() + " differs from the target's "
                        + target.vocabSize() + ": the draft must share the target's tokenizer");
            }
            tokenizer = EngineTokenizer.load(target.resolved().tokenizerJson());
            if (tokenizer.idLimit() > target.vocabSize()) {
                throw new ModelLoadException("tokenizer " + tokenizer.file() + " has ids up to "
                        + (tokenizer.idLimit() - 1) + " but the model " + options.target().path() + " has a"
                        + " vocabulary of " + target.vocabSize() + " (its logits): it is another model's tokenizer");
            }
            return new LocalEngine(options, target, draft, tokenizer);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {tokenizer, target, draft}) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException primary) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
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

    /** The tokenizer.json in use (its hash names the vocabulary in the VERIFY protocol). */
    public Path tokenizerFile() {
        return tokenizer.file();
    }

    /** Whether the model has a chat template ({@link #chatPrompt} otherwise renders a plain transcript). */
    public boolean hasChatTemplate() {
        return template != null;
    }

    /**
     * The target's chat template (its {@code source()} names the file it came from).
     *
     * @throws ModelLoadException saying that the model has none (a base model: {@link #chatPrompt} renders a
     *                            transcript); check {@link #hasChatTemplate()} first
     */
    public ChatTemplate chatTemplate() {
        if (template == null) {
            throw new ModelLoadException("model " + options.target().path() + " has no chat template (a base"
                    + " model); chat prompts are rendered as a plain transcript");
        }
        return template;
    }

    /**
     * The prompt text for {@code messages}: the chat template's rendering, or a model without one's plain transcript
     * ({@link Transcript}, which always ends with the answer's opening and takes no options).
     *
     * @throws ChatTemplateException when the template refuses the messages (its own message) or fails on them
     */
    public String renderChat(List<ChatMessage> messages, ChatOptions options) {
        if (messages.isEmpty()) {
            throw new InvalidRequestException("empty prompt: no chat messages");
        }
        return template == null ? Transcript.render(messages) : template.render(messages, options);
    }

    /**
     * Renders messages with the chat template (generation prompt appended, today's date, no tools) and tokenises
     * them; see {@link #chatPrompt(List, ChatOptions)}.
     */
    public int[] chatPrompt(List<ChatMessage> messages) {
        return chatPrompt(messages, ChatOptions.DEFAULT);
    }

    /**
     * Renders messages with the chat template and tokenises them. A model without a chat template gets a plain
     * transcript ({@link Transcript}) after BOS when its tokenizer config asks for one. Message contents are data:
     * special-token text in them (a user typing {@code <|im_end|>}) becomes ordinary text tokens, while the
     * template's markers stay control tokens; contents without such text tokenise exactly as the rendered prompt.
     *
     * @throws ChatTemplateException   when the template refuses the messages or fails on them
     * @throws InvalidRequestException naming {@code messages[i].content} when a content holding special-token text
     *                                 cannot be told apart from the template ({@link ChatPromptEncoder})
     */
    public int[] chatPrompt(List<ChatMessage> messages, ChatOptions options) {
        if (messages.isEmpty()) {
            throw new InvalidRequestException("empty prompt: no chat messages");
        }
        ChatPromptEncoder encoder = new ChatPromptEncoder(tokenizer);
        if (template == null) {
            return withBos(encoder.encode(messages, Transcript::render));
        }
        ChatOptions fixed = options.fixedDate().isPresent() ? options
                : options.withDate(java.time.LocalDate.now()); // the probe rendering must see the same date
        return encoder.encode(messages, m -> template.render(m, fixed));
    }

    /** Stop strings a chat answer needs besides the stop tokens: a transcript's next "User:" turn. */
    public List<String> chatStopStrings() {
        return hasChatTemplate() ? List.of() : Transcript.STOPS;
    }

    /**
     * Token ids of a completion prompt (a base model's input): BOS when the tokenizer config says so
     * ({@code add_bos_token}), then the text, as data (special-token text in it is ordinary text). The empty prompt
     * means BOS only.
     *
     * @throws InvalidRequestException for an empty prompt on a model without a BOS token
     */
    public int[] textPrompt(String text) {
        if (text.isEmpty()) {
            if (bosTokenId() < 0) {
                throw new InvalidRequestException("the prompt is empty and model " + options.target().path()
                        + " has no BOS token to start from");
            }
            return new int[] {bosTokenId()};
        }
        return withBos(tokenizer.encodeText(text));
    }

    /** The model's beginning-of-sequence id, or -1. */
    public int bosTokenId() {
        return target.config().bosTokenId();
    }

    /** {@code ids} after the BOS token when the tokenizer config adds one ({@code add_bos_token}), else as they are. */
    public int[] withBos(int[] ids) {
        if (!addBos || bosTokenId() < 0) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bosTokenId();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    private static boolean addsBos(Path tokenizerConfig) {
        com.google.gson.JsonElement e = io.edgerouter.engine.model.ModelConfig.readJson(tokenizerConfig)
                .get("add_bos_token");
        return e != null && e.isJsonPrimitive() && e.getAsBoolean();
    }

    /** EOS ids from the model's config plus the chat template's end-of-turn token. */
    public Set<Integer> stopTokenIds() {
        return stopTokenIds;
    }

    /**
     * config.json's and generation_config.json's EOS ids (an imported GGUF model's EOS, end-of-turn and end-of-message
     * ids are written there), plus the chat template's end-of-turn token when it is one token.
     */
    private Set<Integer> findStopTokenIds() {
        Set<Integer> ids = new HashSet<>(target.config().eosTokenIds());
        if (template != null) { // without a chat template only the configured EOS ids stop generation
            template.endOfTurn().map(tokenizer::tokenId).filter(id -> id >= 0).ifPresent(ids::add);
        }
        return Set.copyOf(ids);
    }

    /** Where the chat template lives: beside tokenizer_config.json, else the model directory. */
    private static Path templateDirectory(CausalLm target) {
        return target.resolved().tokenizerConfig().map(Path::getParent).orElse(target.resolved().directory());
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
                .withStops(stopTokenIds(), chatStopStrings());
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
     *               acceptance rule; a per-round mode can be passed to {@link ModelVerifier#verify(int[], int[],
     *               double[][], SamplingParams)}
     */
    public ModelVerifier newVerifier(SamplingParams params) {
        return new ModelVerifier(newTargetSession(), params, true);
    }

    DecoderSession newTargetSession() {
        ensureOpen();
        return new DecoderSession(target, options.limits());
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidRequestException("the engine for " + options.target().path() + " is closed");
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
