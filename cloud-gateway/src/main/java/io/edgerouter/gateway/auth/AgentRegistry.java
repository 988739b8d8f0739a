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
import java.util.Set;
import java.util.TreeSet;

/**
 * The edge agents allowed to call, with their keys held only as SHA-256 digests. A presented key is
 * compared against every agent's digest in constant time, so neither timing nor an early exit tells
 * an attacker how close a guess was or which agent exists.
 */
@ApplicationScoped
public class AgentRegistry {

    /** Stands for every fleet in {@code gateway.agents.<id>.fleets}. */
    public static final String ALL_FLEETS = "*";

    /**
     * An authenticated caller.
     *
     * @param fleets the fleets it may read (and, as an admin, publish); {@link #ALL_FLEETS} for every one
     */
    public record Agent(String id, boolean admin, TokenBucket bucket, Set<String> fleets) {

        public Agent {
            fleets = Set.copyOf(fleets);
        }

        /** A caller bound to every fleet (an admin) or to none. */
        public Agent(String id, boolean admin, TokenBucket bucket) {
            this(id, admin, bucket, admin ? Set.of(ALL_FLEETS) : Set.of());
        }

        public boolean mayAccess(String fleet) {
            return fleets.contains(ALL_FLEETS) || fleets.contains(fleet);
        }
    }

    private record Entry(Agent agent, byte[] keyDigest) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> declaredFleets = new TreeSet<>();

    AgentRegistry(GatewayConfig config) {
        for (Map.Entry<String, GatewayConfig.Agent> e : config.agents().entrySet()) {
            GatewayConfig.Agent a = e.getValue();
            Set<String> fleets = a.fleets().map(f -> (Set<String>) new TreeSet<>(f))
                    .orElse(a.admin() ? Set.of(ALL_FLEETS) : Set.of());
            for (String f : fleets) {
                if (!f.equals(ALL_FLEETS) && !io.edgerouter.protocol.fleet.Identifiers.valid(f)) {
                    throw new IllegalArgumentException("gateway.agents." + e.getKey() + ".fleets: '" + f + "' is not a"
                            + " fleet name (" + io.edgerouter.protocol.fleet.Identifiers.RULE + ")");
                }
            }
            Agent agent = new Agent(e.getKey(), a.admin(), new TokenBucket(a.rateLimitPerSecond(), System::nanoTime), fleets);
            entries.add(new Entry(agent, digest(a.key())));
            fleets.stream().filter(f -> !f.equals(ALL_FLEETS)).forEach(declaredFleets::add);
        }
        config.fleets().ifPresent(declaredFleets::addAll);
    }

    /** Fleets named in the configuration: bound to a key or listed in {@code gateway.fleets}. */
    public boolean declares(String fleet) {
        return declaredFleets.contains(fleet);
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
