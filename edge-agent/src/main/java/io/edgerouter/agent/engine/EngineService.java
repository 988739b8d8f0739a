package io.edgerouter.agent.engine;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.FinishReason;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.chat.ChatMessage;
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
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The device's model. Opens {@code edge.engine.model} (any layout the engine detects; imports are cached under
 * {@code <edge.data-dir>/imports}), or generates the tiny default pair under {@code edge.data-dir}, at start-up and runs every generation on its own bounded pool: at most
 * {@code edge.engine.max-concurrency} at once, {@code edge.engine.max-queue} waiting, the rest
 * rejected with {@link EngineBusyException} (the bulkhead). Never runs on the event loop.
 */
@ApplicationScoped
public class EngineService {

    private static final Logger LOG = Logger.getLogger(EngineService.class);

    private final AgentConfig config;
    private final MeterRegistry registry;
    private LocalEngine engine;
    private ThreadPoolExecutor pool;
    private Decoding decoding;
    private String tokenizerHash;
    private Set<Integer> stopIds;

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
        if (engine.hasChatTemplate()) {
            engine.chatTemplate(); // fails start-up now, naming the problem, if the template is unsupported
        } else {
            LOG.infof("%s has no chat template: chat requests are rendered as a plain transcript", target.path());
        }
        stopIds = engine.stopTokenIds();
        tokenizerHash = TokenizerHash.ofFile(engine.tokenizerFile());
        int threads = e.maxConcurrency();
        BlockingQueue<Runnable> queue = e.maxQueue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(e.maxQueue());
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "local-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        registry.gauge("edge_engine_queue_depth", queue, BlockingQueue::size);
        LOG.infof("local engine ready: %s (decoding %s, tokenizer %s)", target.path(), decoding, tokenizerHash.substring(0, 12));
    }

    void stop(@Observes ShutdownEvent event) {
        if (pool != null) {
            pool.shutdownNow();
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

    /** Runs {@code work} on the engine pool, or fails fast with {@link EngineBusyException} when the queue is full. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                if (result.isDone()) {
                    return;
                }
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException full) {
            registry.counter("edge_engine_rejected_total").increment();
            throw new EngineBusyException("the local engine is busy (" + config.engine().maxConcurrency()
                    + " running, " + config.engine().maxQueue() + " queued); retry shortly");
        }
        return result;
    }

    /** Prompt token ids for chat messages, rendered with the model's chat template (a plain transcript without one). */
    public int[] promptIds(List<io.edgerouter.protocol.openai.ChatMessage> messages) {
        return engine.chatPrompt(messages.stream().map(m -> new ChatMessage(m.role(), m.content())).toList());
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

    /** Generates on the calling thread (which must be an engine pool thread) in a fresh conversation. */
    public LocalAnswer generate(int[] prompt, GenerationSettings settings, TokenListener listener, BooleanSupplier cancelled) {
        try (Conversation conversation = engine.newConversation()) {
            return generate(conversation, prompt, settings, listener, cancelled);
        }
    }

    /** Generates in {@code conversation}, reusing its cached prefix of {@code prompt}. */
    public LocalAnswer generate(Conversation conversation, int[] prompt, GenerationSettings settings, TokenListener listener,
                                BooleanSupplier cancelled) {
        GenerationRequest req = new GenerationRequest(prompt, settings.maxTokens(), settings.sampling(), stopIds,
                settings.stop(), settings.decoding() == null ? decoding : settings.decoding(), 1, 8)
                .withTopLogprobs(settings.topLogprobs());
        GenerationResult r = conversation.generate(req, listener, cancelled);
        return new LocalAnswer(r.tokens(), r.text(), prompt.length, r.tokens().length, finishReason(r.finishReason()),
                r.drafted(), r.accepted(), r.elapsedNanos());
    }

    public Set<Integer> stopIds() {
        return stopIds;
    }

    static String finishReason(FinishReason reason) {
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
