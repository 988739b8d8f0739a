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
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    /** How often a call waiting for a slot checks whether it was cancelled. */
    private static final long SLOT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LocalEngine engine;
    private final Path targetDir;
    private final String name;
    private final String tokenizerHash;
    private final Set<Integer> stopTokenIds;
    private final Semaphore slots;
    private final int maxConcurrency;
    private final Duration closeWait;
    private volatile boolean closing;
    private boolean closed; // guarded by this
    private boolean engineClosed; // guarded by this

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
        this.maxConcurrency = e.maxConcurrency();
        this.slots = new Semaphore(maxConcurrency, true);
        this.closeWait = config.shutdown().cancelWait();
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
        return inSlot(work, () -> false);
    }

    /**
     * As {@link #inSlot(Supplier)}, giving up waiting for a slot (503 {@code shutting_down}) once {@code cancelled}
     * says so or the model is closing: a closing model runs no new work.
     */
    public <T> T inSlot(Supplier<T> work, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SLOT_WAIT_SECONDS);
        boolean acquired = false;
        try {
            while (!acquired) {
                if (closing || cancelled.getAsBoolean()) {
                    throw shuttingDown();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ApiException(503, "server_error", "model_busy",
                            null, "the model is busy: no slot freed up within " + SLOT_WAIT_SECONDS + " s");
                }
                acquired = slots.tryAcquire(Math.min(left, SLOT_POLL_NANOS), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "server_error", "model_busy", null, "interrupted while waiting for the model");
        }
        try {
            if (closing || cancelled.getAsBoolean()) {
                throw shuttingDown(); // stopped while this call waited: it must not start a forward pass now
            }
            return work.get();
        } finally {
            slots.release();
        }
    }

    private static ApiException shuttingDown() {
        return ApiException.shuttingDown("this call was stopped before the model ran it");
    }

    /**
     * Closes the engine once no forward pass runs: new work is refused at once, running passes get
     * {@code gateway.shutdown.cancel-wait} to end. If one is still running then, the engine is left open (ONNX Runtime
     * closed under a running session crashes the JVM; the process exit frees it instead). Closing twice is harmless.
     *
     * @return whether the engine is closed now
     */
    public synchronized boolean close() {
        if (closed) {
            return engineClosed;
        }
        closed = true;
        closing = true;
        boolean idle;
        try {
            idle = slots.tryAcquire(maxConcurrency, closeWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (!idle) {
            LOG.warnf("model %s left open: a forward pass is still running after %d ms", name, closeWait.toMillis());
            return false;
        }
        engine.close();
        engineClosed = true;
        return true;
    }

    @PreDestroy
    void destroy() {
        close();
    }

    /** Work may still be running on the model at shutdown: refuse new work and never close the engine under it. */
    public synchronized void leaveOpen() {
        closing = true;
        closed = true;
    }

    /** True once {@link #close()} or {@link #leaveOpen()} ran: no new model work starts. */
    public boolean closing() {
        return closing;
    }
}
