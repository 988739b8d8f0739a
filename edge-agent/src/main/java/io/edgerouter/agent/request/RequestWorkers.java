package io.edgerouter.agent.request;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineBusyException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads answers run on (never the event loop). Sized so every request the bulkheads can admit has one: the
 * engine's running and waiting generations plus the cloud calls in flight, and a few for planning. Route by route the
 * bulkheads decide ({@code EngineSlots}, the egress gate's bound); this pool only refuses when all of them are full.
 */
@ApplicationScoped
public class RequestWorkers {

    /** Threads beyond the bulkheads' sum, for requests still being planned. */
    private static final int PLANNING = 4;
    /** Threads kept ready (the rest are created on demand and retire after 30 s idle). */
    private static final int CORE = 16;

    private final ThreadPoolExecutor pool;
    private final int size;

    RequestWorkers(AgentConfig config, MeterRegistry metrics) {
        size = config.engine().maxConcurrency() + config.engine().maxQueue() + config.cloud().maxConcurrency() + PLANNING;
        AtomicInteger n = new AtomicInteger();
        int core = Math.min(size, CORE);
        pool = new ThreadPoolExecutor(core, size, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "request-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.prestartAllCoreThreads(); // no thread is created on the request path until CORE are busy
        metrics.gauge("edge_requests_in_flight", pool, ThreadPoolExecutor::getActiveCount);
    }

    /** Runs {@code work} on a worker, or fails fast with {@link EngineBusyException} (429) when every worker is busy. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException full) {
            throw new EngineBusyException("the agent is busy (" + size + " requests in flight); retry shortly");
        }
        return result;
    }

    /** Stops the workers (after the drain, when none is running). */
    void shutdown() {
        pool.shutdownNow();
    }
}
