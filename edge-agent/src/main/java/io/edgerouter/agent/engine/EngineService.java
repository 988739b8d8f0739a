package io.edgerouter.agent.engine;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.FinishReason;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.Transcript;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.chat.ChatPromptEncoder;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.protocol.fleet.TokenizerHash;
import io.edgerouter.protocol.openai.GenerationOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The device's model. Opens {@code edge.engine.model} (any layout the engine detects; imports are cached under
 * {@code <edge.data-dir>/imports}), or generates the tiny default pair under {@code edge.data-dir}, at start-up. Generation
 * runs on the caller's thread (a request worker, never the event loop) inside an {@link EngineSlots} slot: at most
 * {@code edge.engine.max-concurrency} at once, {@code edge.engine.max-queue} waiting, the rest rejected with
 * {@link EngineBusyException}. The engine is closed only after the agent's shutdown has let every generation end.
 */
@ApplicationScoped
public class EngineService {

    private static final Logger LOG = Logger.getLogger(EngineService.class);

    /** Fewest common prompt tokens for which a cached turn of another conversation id is continued. */
    static final int MIN_CACHED_PREFIX = 16;

    private final AgentConfig config;
    private final MeterRegistry registry;
    private LocalEngine engine;
    private EngineSlots slots;
    private Decoding decoding;
    private String tokenizerHash;
    private Set<Integer> stopIds;
    private ConversationCache conversations;

    EngineService(AgentConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        AgentConfig.Engine e = config.engine();
        ModelSource target;
        ModelSource draft;
        if (e.model().isPresent()) {
            target = new ModelSource(e.model().get(), e.dtype(), e.tokenizer());
            draft = e.draftModel().map(d -> new ModelSource(d, e.draftDtype(), e.tokenizer())).orElse(null);
        } else {
            if (e.tokenizer().isPresent() || e.dtype().isPresent()) {
                throw new IllegalStateException("edge.engine.tokenizer and edge.engine.dtype apply to edge.engine.model, which is"
                        + " unset (the generated tiny model has its own tokenizer and one graph)");
            }
            Path dir = config.dataDir().resolve("tiny-model");
            if (!Files.isRegularFile(dir.resolve("target/model.onnx")) || !Files.isRegularFile(dir.resolve("draft/model.onnx"))) {
                LOG.infof("no edge.engine.model set: generating the tiny default model pair in %s", dir);
            }
            TinyModels.Pair pair = TinyModels.generate(dir, TinyModelSpec.small());
            target = ModelSource.of(pair.target());
            draft = new ModelSource(e.draftModel().orElse(pair.draft()), e.draftDtype(), Optional.empty());
        }
        engine = LocalEngine.open(new LocalEngine.Options(target, draft,
                new EngineLimits(e.maxContextTokens(), Long.MAX_VALUE), e.threads(), config.dataDir().resolve("imports")));
        decoding = switch (e.decoding()) {
            case AUTO -> engine.draft().isPresent() ? Decoding.DRAFT_MODEL : Decoding.PROMPT_LOOKUP;
            case VANILLA -> Decoding.VANILLA;
            case DRAFT_MODEL -> Decoding.DRAFT_MODEL;
            case PROMPT_LOOKUP -> Decoding.PROMPT_LOOKUP;
        };
        if (decoding == Decoding.DRAFT_MODEL && engine.draft().isEmpty()) {
            throw new IllegalStateException("edge.engine.decoding=draft-model needs edge.engine.draft-model");
        }
        if (engine.hasChatTemplate()) { // a template that does not parse already failed LocalEngine.open, naming its file
            LOG.infof("chat template: %s (end of turn %s)", engine.chatTemplate().source(),
                    engine.chatTemplate().endOfTurn().orElse("none found"));
        } else {
            LOG.infof("%s has no chat template: chat requests are rendered as a plain transcript", target.path());
        }
        stopIds = engine.stopTokenIds();
        tokenizerHash = TokenizerHash.ofFile(engine.tokenizerFile());
        slots = new EngineSlots(e.maxConcurrency(), e.maxQueue());
        LocalEngine opened = engine;
        conversations = new ConversationCache(e.conversationCacheBytes(), e.conversationCacheBytesPerApp(), MIN_CACHED_PREFIX,
                opened::newConversation);
        registry.gauge("edge_engine_conversation_cache_bytes", conversations, ConversationCache::bytes);
        registry.gauge("edge_engine_conversation_cache_entries", conversations, ConversationCache::size);
        registry.gauge("edge_engine_queue_depth", slots, EngineSlots::waiting);
        registry.gauge("edge_engine_running", slots, EngineSlots::running);
        LOG.infof("local engine ready: %s (decoding %s, tokenizer %s)", target.path(), decoding, tokenizerHash.substring(0, 12));
    }

    /** Runs after the agent's drain ({@code AgentLifecycle}): no generation is running any more. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 900) ShutdownEvent event) {
        if (conversations != null) {
            conversations.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    public LocalEngine engine() {
        return engine;
    }

    public String tokenizerHash() {
        return tokenizerHash;
    }

    public Decoding decoding() {
        return decoding;
    }

    /** The bulkhead every local forward pass runs in. */
    public EngineSlots slots() {
        return slots;
    }

    /** Takes an engine slot ({@link EngineSlots#acquire}), counting refusals. */
    public EngineSlots.Slot slot(io.edgerouter.agent.request.Cancellation cancel) {
        try {
            return slots.acquire(cancel);
        } catch (EngineBusyException busy) {
            registry.counter("edge_engine_rejected_total").increment();
            throw busy;
        }
    }

    /** Prompt token ids for chat messages, rendered with the model's chat template (a plain transcript without one). */
    public int[] promptIds(List<io.edgerouter.protocol.openai.ChatMessage> messages) {
        return engine.chatPrompt(messages.stream().map(m -> new ChatMessage(m.role(), m.content())).toList());
    }

    /**
     * The ids {@code POST /tokenize} shows for chat messages: with the generation prompt exactly what a chat answer's
     * prompt is; without it the conversation as the template renders it; continuing the final message, that rendering
     * cut where the last message's content ends (as Hugging Face's {@code continue_final_message} cuts it).
     *
     * @param addSpecialTokens BOS on top of what the template writes when the tokenizer config adds one (vLLM's
     *                         {@code add_special_tokens})
     */
    public int[] tokenizeChat(List<io.edgerouter.protocol.openai.ChatMessage> messages, boolean addGenerationPrompt,
                              boolean continueFinalMessage, boolean addSpecialTokens) {
        List<ChatMessage> m = messages.stream().map(x -> new ChatMessage(x.role(), x.content())).toList();
        int[] ids;
        if (addGenerationPrompt && !continueFinalMessage) {
            ids = engine.chatPrompt(m);
        } else {
            Function<List<ChatMessage>, String> render = withoutGenerationPrompt();
            if (continueFinalMessage) {
                Function<List<ChatMessage>, String> whole = render;
                render = x -> cutAfterFinal(whole.apply(x), x.get(x.size() - 1).content());
            }
            ids = new ChatPromptEncoder(engine.tokenizer()).encode(m, render);
            if (!engine.hasChatTemplate()) {
                ids = engine.withBos(ids); // as a transcript chat prompt starts
            }
        }
        return addSpecialTokens ? engine.withBos(ids) : ids;
    }

    private Function<List<ChatMessage>, String> withoutGenerationPrompt() {
        if (!engine.hasChatTemplate()) {
            return x -> {
                String transcript = Transcript.render(x);
                return transcript.substring(0, transcript.length() - "Assistant:".length());
            };
        }
        // one date for the probe rendering and the real one (strftime_now)
        io.edgerouter.engine.chat.ChatOptions options = io.edgerouter.engine.chat.ChatOptions.DEFAULT
                .withGenerationPrompt(false).withDate(java.time.LocalDate.now());
        return x -> engine.renderChat(x, options);
    }

    /** The rendering up to the end of the final message's content (stripped, as templates often strip it). */
    static String cutAfterFinal(String rendered, String finalContent) {
        String needle = finalContent.strip();
        int at = needle.isEmpty() ? -1 : rendered.lastIndexOf(needle);
        if (at < 0) {
            throw new io.edgerouter.engine.InvalidRequestException("continue_final_message: the chat template does not"
                    + " write the final message's content as given, so the rendering cannot end inside it");
        }
        return rendered.substring(0, at + needle.length());
    }

    /** The ids of a completion prompt: what {@code POST /v1/completions} feeds the model, BOS only when asked for. */
    public int[] tokenizePrompt(String prompt, boolean addSpecialTokens) {
        if (addSpecialTokens) {
            return engine.textPrompt(prompt);
        }
        return prompt.isEmpty() ? new int[0] : engine.tokenizer().encodeText(prompt);
    }

    /**
     * Text of token ids, control tokens written out ({@code <|im_start|>}), as vLLM's {@code /detokenize} gives it.
     *
     * @throws io.edgerouter.protocol.openai.InvalidRequestException naming {@code tokens[i]} for an id outside the vocabulary
     */
    public String detokenize(int[] ids) {
        int vocab = engine.target().vocabSize();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= vocab) {
                throw new io.edgerouter.protocol.openai.InvalidRequestException("tokens[" + i + "]",
                        "must be below the vocabulary size " + vocab + ", got " + ids[i]);
            }
        }
        return engine.tokenizer().decode(ids, false);
    }

    /** Longest prompt + answer one request may have, in tokens: the configured budget or the model's context, whichever is less. */
    public int maxModelLen() {
        return Math.min(config.engine().maxContextTokens(), engine.target().config().maxPositions());
    }

    /** A chat answer's stop strings: the request's plus what a transcript prompt needs (none with a chat template). */
    public List<String> chatStops(List<String> requested) {
        List<String> extra = engine.chatStopStrings();
        if (extra.isEmpty()) {
            return requested;
        }
        List<String> all = new ArrayList<>(requested);
        extra.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Greedy for temperature 0 (the default), else seeded sampling (a fresh seed when the request has none). */
    public static SamplingParams sampling(GenerationOptions request) {
        double temperature = request.temperature().orElse(0);
        if (temperature <= 0) {
            return SamplingParams.greedy();
        }
        long seed = request.seed().orElse(System.nanoTime());
        return new SamplingParams(temperature, 0, request.topP().orElse(1.0), seed);
    }

    /** Generates on the calling thread (which must hold a {@link #slot}) in a fresh conversation. */
    public LocalAnswer generate(int[] prompt, GenerationSettings settings, TokenListener listener, BooleanSupplier cancelled) {
        return generate(prompt, 0, settings, listener, cancelled, null);
    }

    /**
     * As {@link #generate(int[], GenerationSettings, TokenListener, BooleanSupplier)}, where the last {@code answerPrefix}
     * prompt ids are the beginning of the answer, already handed on: text and stop strings continue from it.
     *
     * @param conversation which cached turns the generation may continue ({@link ConversationCache}), and under which key
     *                     it is kept afterwards; null for a fresh KV cache that is closed afterwards
     */
    public LocalAnswer generate(int[] prompt, int answerPrefix, GenerationSettings settings, TokenListener listener,
                                BooleanSupplier cancelled, ConversationCache.Key conversation) {
        return generate(prompt, answerPrefix, settings, listener, cancelled, conversation, null);
    }

    /**
     * As above, continuing {@code prefilled} when it holds exactly this prompt under this key (the prefill a router
     * measurement ran, {@link #prefill}): decoding then starts at once, with no forward pass over the prompt again.
     * Otherwise {@code prefilled} is left to its owner to close.
     */
    public LocalAnswer generate(int[] prompt, int answerPrefix, GenerationSettings settings, TokenListener listener,
                                BooleanSupplier cancelled, ConversationCache.Key conversation, PrefilledPrompt prefilled) {
        ConversationCache.Lease taken = prefilled == null || answerPrefix != 0 ? null : prefilled.take(prompt, conversation);
        ConversationCache.Lease lease = taken != null ? taken : conversation == null
                ? new ConversationCache.Lease(null, engine.newConversation(), 0) : conversations.checkOut(conversation, prompt);
        GenerationResult r;
        try {
            r = lease.conversation().generate(request(prompt, settings).withAnswerPrefix(answerPrefix), listener, cancelled);
        } catch (RuntimeException e) {
            conversations.discard(lease);
            throw e;
        }
        if (conversation == null) {
            conversations.discard(lease);
        } else {
            conversations.checkIn(lease);
            if (lease.reused() > 0) {
                registry.counter("edge_engine_prefill_tokens_reused_total").increment(lease.reused());
            }
        }
        return new LocalAnswer(r.tokens(), r.text(), prompt.length, r.tokens().length, finishReason(r.finishReason()),
                r.drafted(), r.accepted(), r.elapsedNanos(), lease.reused());
    }

    /**
     * Takes an engine slot ({@link #slot}) and prefills {@code prompt} in the conversation a generation under
     * {@code conversation} would check out (a fresh one for null), on the calling thread; returns both, with what the
     * prefill measured: the prompt's mean surprisal and the first answer token's entropy, read off logits the prefill
     * computes anyway. Hand it to {@link #generate(int[], int, GenerationSettings, TokenListener, BooleanSupplier,
     * ConversationCache.Key, PrefilledPrompt) generate} (with {@link PrefilledPrompt#takeSlot()} as its slot), or
     * close it.
     *
     * @throws EngineBusyException as {@link #slot}
     * @throws io.edgerouter.engine.EngineException when the prompt cannot be prefilled (over the context budget, say)
     */
    public PrefilledPrompt prefill(int[] prompt, ConversationCache.Key conversation, io.edgerouter.agent.request.Cancellation cancel) {
        EngineSlots.Slot held = slot(cancel);
        ConversationCache.Lease lease = null;
        try {
            lease = conversation == null
                    ? new ConversationCache.Lease(null, engine.newConversation(), 0) : conversations.checkOut(conversation, prompt);
            return new PrefilledPrompt(conversations, lease, held, prompt, lease.conversation().prefillPrompt(prompt));
        } catch (RuntimeException e) {
            if (lease != null) {
                conversations.discard(lease);
            }
            held.close();
            throw e;
        }
    }

    /** The KV caches kept between turns. */
    public ConversationCache conversations() {
        return conversations;
    }

    /** The engine's request for a prompt under these settings (stop tokens, configured decoding). */
    public GenerationRequest request(int[] prompt, GenerationSettings settings) {
        return new GenerationRequest(prompt, settings.maxTokens(), settings.sampling(), stopIds,
                settings.stop(), settings.decoding() == null ? decoding : settings.decoding(), 1, 8)
                .withTopLogprobs(settings.topLogprobs());
    }

    /** Token ids of answer text already handed on (special-token text in it stays text). */
    public int[] answerIds(String text) {
        return engine.tokenizer().encodeText(text);
    }

    public Set<Integer> stopIds() {
        return stopIds;
    }

    /** The OpenAI {@code finish_reason} of an engine result. */
    public static String finishReason(FinishReason reason) {
        return reason == FinishReason.MAX_TOKENS ? "length" : "stop";
    }

    /**
     * Sampling and stop settings of one generation.
     *
     * @param decoding    null for the configured one
     * @param topLogprobs most likely tokens the listener gets per emitted token (0 = none)
     */
    public record GenerationSettings(int maxTokens, SamplingParams sampling, List<String> stop, Decoding decoding,
                                     int topLogprobs) {

        public GenerationSettings(int maxTokens, SamplingParams sampling, List<String> stop, Decoding decoding) {
            this(maxTokens, sampling, stop, decoding, 0);
        }
    }
}
