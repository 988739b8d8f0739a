package io.edgerouter.gateway.policy;

import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure {@code edge.routing.policies} is a compacted topic (created so, or switched to
 * {@code cleanup.policy=compact} when a broker auto-created it), because agents and the gateway rebuild
 * the latest policy per fleet from it. Production clusters declare the topic themselves (Strimzi);
 * a failure here is logged, never fatal.
 */
@ApplicationScoped
public class PolicyTopic {

    private static final Logger LOG = Logger.getLogger(PolicyTopic.class);
    private static final long TIMEOUT_SECONDS = 15;

    void ensureCompacted(@Observes StartupEvent start, GatewayConfig config,
                         @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrap) {
        if (!config.kafka().enabled() || bootstrap.isEmpty()) {
            return;
        }
        // off the start-up path: a broker that is down must not delay or fail start-up
        Thread setup = new Thread(() -> ensureCompacted(bootstrap.get()), "policy-topic-setup");
        setup.setDaemon(true);
        setup.start();
    }

    private static void ensureCompacted(String bootstrap) {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        try {
            NewTopic topic = new NewTopic(Topics.POLICIES, Optional.empty(), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("created compacted topic %s", Topics.POLICIES);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.POLICIES);
                AlterConfigOp compact = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(compact))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("could not make %s compacted: %s", Topics.POLICIES, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
