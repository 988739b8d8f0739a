package io.edgerouter.gateway.model;

import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.model.EngineLimits;
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
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's own model, loaded once at start-up: the target that verifies drafts and answers
 * offloaded requests. Without {@code gateway.model.dir} the tiny generated target/draft pair is
 * written to a data directory first, so the gateway works out of the box. Forward passes are
 * bounded by a bulkhead of {@code gateway.model.max-concurrency} slots.
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
        GatewayConfig.Model m = config.model();
        Path target;
        Path draft;
        if (m.dir().isPresent()) {
            target = m.dir().get();
            draft = m.draftDir().orElse(null);
        } else {
            Path data = m.dataDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "edge-router-gateway", "tiny-models"));
            TinyModels.Pair pair = TinyModels.generate(data, TinyModelSpec.small());
            target = pair.target();
            draft = m.draftDir().orElse(pair.draft());
            LOG.infof("gateway.model.dir unset: serving the generated tiny model in %s", target);
        }
        EngineLimits limits = new EngineLimits(Integer.MAX_VALUE, config.verify().maxKvBytes());
        this.engine = LocalEngine.open(new LocalEngine.Options(target, draft, limits, m.intraOpThreads()));
        this.targetDir = target;
        this.name = m.name().orElse(m.dir().isEmpty() ? "tiny-llama"
                : target.getFileName() == null ? "gateway-model" : target.getFileName().toString());
        this.tokenizerHash = TokenizerHash.of(target);
        this.stopTokenIds = engine.stopTokenIds();
        this.slots = new Semaphore(m.maxConcurrency(), true);
        FunctionCounter.builder("gateway_model_forward_passes_total", engine.target(), CausalLm::runs)
                .description("Forward passes of the gateway's target model (verify rounds, completions)").register(registry);
        LOG.infof("model %s loaded: vocab %d, tokenizer %s", name, engine.target().vocabSize(), tokenizerHash);
    }

    public LocalEngine engine() {
        return engine;
    }

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
