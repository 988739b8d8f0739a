package io.edgerouter.agent;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only bean: sends records through the app's Kafka connector to the broker and collects what
 * comes back, so a test can prove the round trip.
 */
@ApplicationScoped
public class KafkaProbe {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Channel("probe-out")
    Emitter<String> out;

    void send(String value) {
        out.send(value).toCompletableFuture().join();
    }

    @Incoming("probe-in")
    void receive(String value) {
        received.add(value);
    }

    List<String> received() {
        return received;
    }
}
