package io.edgerouter.gateway.model;

import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.fleet.TokenizerHash;
import io.edgerouter.engine.model.CausalLm;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's own model, loaded once at start-up: the target that verifies drafts and answers
 * offloaded requests: {@code gateway.model}, any layout the engine detects. Without it the tiny generated
 * target/draft pair is written to {@code gateway.data-dir} first, so the gateway works out of the box. Forward passes
 * are bounded by a bulkhead of {@code gateway.engine.max-concurrency} slots.
 */
@Startup
@ApplicationScoped
public class GatewayModel {

    private static final Logger LOG = Logger.getLogger(GatewayModel.class);
    private static final long SLOT_WAIT_SECONDS = 60;

    private final LocalEngine engine;
    private final Path targetDir;
    private final String name;
    private final String tokenizerHash;
    private final Set<Integer> stopTokenIds;
    private final Semaphore slots;

    GatewayModel(GatewayConfig config, MeterRegistry registry) {
        Path data = config.dataDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "edge-router-gateway"));
        ModelSource target;
        ModelSource draft;
        if (config.model().isPresent()) {
            target = new ModelSource(config.model().get(), config.dtype(), config.tokenizer());
            draft = config.draftModel().map(d -> new ModelSource(d, config.draftDtype(), config.tokenizer())).orElse(null);
        } else {
            if (config.tokenizer().isPresent() || config.dtype().isPresent()) {
                throw new IllegalStateException("gateway.tokenizer and gateway.dtype apply to gateway.model, which is unset"
                        + " (the generated tiny model has its own tokenizer and one graph)");
            }
            TinyModels.Pair pair = TinyModels.generate(data.resolve("tiny-models"), TinyModelSpec.small());
            target = ModelSource.of(pair.target());
            draft = new ModelSource(config.draftModel().orElse(pair.draft()), config.draftDtype(), Optional.empty());
            LOG.infof("gateway.model unset: serving the generated tiny model in %s", pair.target());
        }
        GatewayConfig.Engine e = config.engine();
        EngineLimits limits = new EngineLimits(Integer.MAX_VALUE, config.verify().maxKvBytes());
        this.engine = LocalEngine.open(new LocalEngine.Options(target, draft, limits, e.intraOpThreads(), data.resolve("imports")));
        if (engine.hasChatTemplate()) {
            engine.chatTemplate(); // fails start-up now, naming the problem, if the template is unsupported
        }
        this.targetDir = target.path();
        Path file = target.path().getFileName();
        this.name = config.modelName().orElse(config.model().isEmpty() ? "tiny-llama" : file == null ? "gateway-model" : file.toString());
        this.tokenizerHash = TokenizerHash.ofFile(engine.tokenizerFile());
        this.stopTokenIds = engine.stopTokenIds();
        this.slots = new Semaphore(e.maxConcurrency(), true);
        FunctionCounter.builder("gateway_model_forward_passes_total", engine.target(), CausalLm::runs)
                .description("Forward passes of the gateway's target model (verify rounds, completions)").register(registry);
        LOG.infof("model %s loaded: vocab %d, tokenizer %s", name, engine.target().vocabSize(), tokenizerHash);
    }

    public LocalEngine engine() {
        return engine;
    }

    /** The configured model path (the generated tiny target's directory by default). */
    public Path targetDir() {
        return targetDir;
    }

    public String name() {
        return name;
    }

    public String tokenizerHash() {
        return tokenizerHash;
    }

    public int vocabSize() {
        return engine.target().vocabSize();
    }

    public Set<Integer> stopTokenIds() {
        return stopTokenIds;
    }

    public boolean hasDraft() {
        return engine.draft().isPresent();
    }

    /** Runs model work in one of the bulkhead's slots; 503 when none frees up in time. Call on a worker thread. */
    public <T> T inSlot(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(SLOT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "server_error", "model_busy", null, "interrupted while waiting for the model");
        }
        if (!acquired) {
            throw new ApiException(503, "server_error", "model_busy",
                    null, "the model is busy: no slot freed up within " + SLOT_WAIT_SECONDS + " s");
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
