package io.edgerouter.gateway.policy;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The outgoing policy channel ({@code policies-out}), in a bean of its own: the emitter can only be wired when Kafka
 * is on, and this bean is created on its first use, so a gateway running without Kafka still starts and answers a
 * policy PUT with a 503 naming {@code gateway.kafka.enabled} instead of failing to inject the emitter.
 */
@ApplicationScoped
class PolicyChannel {

    @Channel("policies-out")
    MutinyEmitter<byte[]> emitter;

    Uni<Void> sendMessage(Message<byte[]> message) {
        return emitter.sendMessage(message);
    }
}
