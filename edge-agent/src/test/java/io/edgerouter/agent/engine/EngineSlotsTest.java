package io.edgerouter.agent.engine;

import io.edgerouter.agent.request.Cancellation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineSlotsTest {

    @Test
    void beyondTheWaitingLimitARequestIsRefusedAtOnce() throws Exception {
        EngineSlots slots = new EngineSlots(1, 1);
        EngineSlots.Slot held = slots.acquire(Cancellation.none());
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<EngineSlots.Slot> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return slots.acquire(Cancellation.none());
        });
        waiting.await();
        for (int i = 0; i < 100 && slots.waiting() == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(slots.waiting()).isEqualTo(1);
        assertThatThrownBy(() -> slots.acquire(Cancellation.none())).isInstanceOf(EngineBusyException.class)
                .hasMessageContaining("1 running, 1 waiting");
        held.close();
        held.close(); // closing twice frees one slot only
        EngineSlots.Slot got = second.get(5, TimeUnit.SECONDS);
        assertThat(slots.running()).isEqualTo(1);
        got.close();
        assertThat(slots.running()).isZero();
    }

    @Test
    void aCancelledRequestStopsWaiting() throws Exception {
        EngineSlots slots = new EngineSlots(1, 4);
        EngineSlots.Slot held = slots.acquire(Cancellation.none());
        Cancellation cancel = new Cancellation();
        CompletableFuture<EngineSlots.Slot> waiter = CompletableFuture.supplyAsync(() -> slots.acquire(cancel));
        Thread.sleep(100);
        cancel.cancel(Cancellation.CLIENT_GONE);
        assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EngineSlots.EngineCancelledException.class);
        assertThat(slots.waiting()).isZero();
        held.close();
    }
}
