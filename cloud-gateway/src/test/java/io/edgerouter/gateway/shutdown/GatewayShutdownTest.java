package io.edgerouter.gateway.shutdown;

import io.edgerouter.gateway.api.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The shutdown sequence's order with stand-in work and resources: nothing is closed while a call still runs. */
class GatewayShutdownTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final InFlightWork work = new InFlightWork();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void workInFlightFinishesBeforeTheSessionsAndThenTheModelClose() throws Exception {
        InFlightWork.Ticket ticket = work.admit("verify calls");
        pool.submit(() -> {
            sleep(300);
            events.add("work finished");
            ticket.close();
        });

        shutdown(Duration.ofSeconds(10), Duration.ofSeconds(5)).close();

        assertThat(events).containsExactly("work finished", "sessions closed", "model closed");
    }

    @Test
    void workOutlivingTheGraceIsCancelledAndHasEndedBeforeAnythingCloses() {
        InFlightWork.Ticket ticket = work.admit("completions");
        ticket.onCancel(() -> events.add("cancel hook"));
        pool.submit(() -> {
            while (!ticket.cancelled()) {
                sleep(5);
            }
            events.add("work stopped");
            ticket.close();
        });

        shutdown(Duration.ofMillis(200), Duration.ofSeconds(5)).close();

        assertThat(events).containsExactly("cancel hook", "work stopped", "sessions closed", "model closed");
    }

    @Test
    void workIgnoringCancellationLeavesSessionsAndModelOpen() {
        work.admit("completions"); // never closed: a forward pass that does not return

        long start = System.nanoTime();
        shutdown(Duration.ofMillis(100), Duration.ofMillis(100)).close();

        assertThat(events).containsExactly("model left open");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aCallArrivingDuringTheDrainIsRefusedWith503AndRetryAfter() throws Exception {
        InFlightWork.Ticket running = work.admit("verify calls");
        GatewayShutdown shutdown = shutdown(Duration.ofSeconds(10), Duration.ofSeconds(5));
        Future<Boolean> drain = pool.submit(shutdown::drain);
        await().atMost(Duration.ofSeconds(5)).until(work::draining);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> work.admit("verify calls"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(refused.body().error().code()).isEqualTo("shutting_down");
        assertThat(refused.body().error().message()).contains("verify calls");
        assertThat(drain.isDone()).as("drain waits for the running call").isFalse();
        running.close();
        assertThat(drain.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingTwiceClosesOnce() {
        GatewayShutdown shutdown = shutdown(Duration.ofSeconds(1), Duration.ofSeconds(1));

        shutdown.close();
        shutdown.close();

        assertThat(events).containsExactly("sessions closed", "model closed");
    }

    @Test
    void aNegativeGraceFailsStartUpNamingTheProperty() {
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                () -> shutdown(Duration.ofSeconds(-1), Duration.ofSeconds(1)));

        assertThat(e).hasMessageContaining("gateway.shutdown.grace");
    }

    private GatewayShutdown shutdown(Duration grace, Duration cancelWait) {
        return new GatewayShutdown(work, grace, cancelWait, new GatewayShutdown.Resources() {
            @Override
            public int closeSessions() {
                events.add(work.inFlight() == 0 ? "sessions closed" : "sessions closed under running work");
                return 0;
            }

            @Override
            public boolean closeModel() {
                events.add(work.inFlight() == 0 ? "model closed" : "model closed under running work");
                return true;
            }

            @Override
            public void leaveModelOpen() {
                events.add("model left open");
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
