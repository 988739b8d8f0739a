package io.edgerouter.agent.policy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.policy.InvalidPolicyException;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy in force. Starts from the policy file (or the embedded default) and moves forward only:
 * the first policy from Kafka for this agent's fleet replaces it, later ones only with a higher version.
 * Reads are a single volatile load, so the request path never waits for an update.
 */
@ApplicationScoped
public class PolicyStore {

    private static final Logger LOG = Logger.getLogger(PolicyStore.class);

    /** Where the policy in force came from. */
    public enum Source { EMBEDDED_DEFAULT, FILE, KAFKA }

    /** The policy in force and where it came from. */
    public record Current(Policy policy, Source source) {
    }

    private final AgentConfig config;
    private final PolicyCodec codec;
    private final MeterRegistry registry;
    private final AtomicReference<Current> current = new AtomicReference<>();

    PolicyStore(AgentConfig config, PolicyCodec codec, MeterRegistry registry) {
        this.config = config;
        this.codec = codec;
        this.registry = registry;
    }

    @PostConstruct
    void loadInitial() {
        Current initial = config.policyFile()
                .map(path -> {
                    try {
                        return new Current(parseInitial(Files.readString(path), path.toString()), Source.FILE);
                    } catch (IOException e) {
                        throw new UncheckedIOException("edge.policy-file: cannot read " + path, e);
                    }
                })
                .orElseGet(() -> new Current(forThisFleet(codec.parse(embeddedDefault())), Source.EMBEDDED_DEFAULT));
        current.set(initial);
        Gauge.builder("edge_policy_version", () -> current.get().policy().version())
                .description("Version of the routing policy in force").register(registry);
        LOG.infof("policy v%d for fleet %s from %s", initial.policy().version(), initial.policy().fleet(), initial.source());
    }

    public Current current() {
        return current.get();
    }

    public Policy policy() {
        return current.get().policy();
    }

    /** What became of a policy offered from Kafka. */
    public enum Offer {
        /** It replaced the policy in force. */
        APPLIED,
        /** It is exactly the policy in force (the same record delivered again, e.g. on a replay); nothing changed. */
        ALREADY_IN_FORCE,
        /** Its version is not above the Kafka policy in force, and it is not that policy; nothing changed. */
        NOT_NEWER,
        /** It names another fleet than {@code edge.fleet}; nothing changed. */
        OTHER_FLEET
    }

    /**
     * Offers a validated, trusted policy from Kafka. It replaces the one in force when it is for this agent's fleet
     * and either the policy in force came from the file or the embedded default, or its version is higher.
     */
    public Offer offer(Policy candidate) {
        if (!candidate.fleet().equals(config.fleet())) {
            return Offer.OTHER_FLEET;
        }
        while (true) {
            Current now = current.get();
            if (now.source() == Source.KAFKA && candidate.version() <= now.policy().version()) {
                return candidate.equals(now.policy()) ? Offer.ALREADY_IN_FORCE : Offer.NOT_NEWER;
            }
            if (current.compareAndSet(now, new Current(candidate, Source.KAFKA))) {
                LOG.infof("policy v%d for fleet %s applied (was v%d from %s)", candidate.version(), candidate.fleet(),
                        now.policy().version(), now.source());
                return Offer.APPLIED;
            }
        }
    }

    private Policy parseInitial(String json, String origin) {
        try {
            Policy p = codec.parse(json);
            if (!p.fleet().equals(config.fleet())) {
                throw new IllegalStateException("edge.policy-file: " + origin + " is for fleet '" + p.fleet()
                        + "' but edge.fleet is '" + config.fleet() + "'");
            }
            return p;
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException("edge.policy-file: " + origin + " is not a valid policy: " + e.getMessage(), e);
        }
    }

    /** The embedded default is written for fleet "default"; it applies to whatever fleet the agent is in. */
    private Policy forThisFleet(Policy p) {
        return new Policy(p.version(), config.fleet(), p.routerModelVersion(), p.issuedBy(), p.routing(), p.verify(),
                p.budget(), p.privacy(), p.apps());
    }

    private static String embeddedDefault() {
        try (InputStream in = PolicyStore.class.getResourceAsStream("/default-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("default-policy.json missing from the agent's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded default policy", e);
        }
    }
}
