package io.edgerouter.gateway.auth;

import io.edgerouter.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge agents allowed to call, with their keys held only as SHA-256 digests. A presented key is
 * compared against every agent's digest in constant time, so neither timing nor an early exit tells
 * an attacker how close a guess was or which agent exists.
 */
@ApplicationScoped
public class AgentRegistry {

    /** An authenticated caller. */
    public record Agent(String id, boolean admin, TokenBucket bucket) {
    }

    private record Entry(Agent agent, byte[] keyDigest) {
    }

    private final List<Entry> entries = new ArrayList<>();

    AgentRegistry(GatewayConfig config) {
        for (Map.Entry<String, GatewayConfig.Agent> e : config.agents().entrySet()) {
            GatewayConfig.Agent a = e.getValue();
            Agent agent = new Agent(e.getKey(), a.admin(), new TokenBucket(a.rateLimitPerSecond(), System::nanoTime));
            entries.add(new Entry(agent, digest(a.key())));
        }
    }

    /** The agent whose key this is, if any. */
    public Optional<Agent> authenticate(String presentedKey) {
        byte[] presented = digest(presentedKey);
        Agent match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.keyDigest(), presented) && match == null) {
                match = e.agent();
            }
        }
        return Optional.ofNullable(match);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
