package io.edgerouter.agent.routing;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.DeviceState;
import io.edgerouter.router.RouteRequest;
import io.edgerouter.router.Router;
import io.edgerouter.router.calibration.Outcome;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.feature.LocalModelSignals;
import io.edgerouter.router.policy.RoutingPolicy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The learned router under the current policy. The router (the committed scorer chosen by
 * {@code edge.routing.model}, with its MiniLM encoder or static token table) loads at start-up; the policy is re-read on every decision, so a policy from Kafka applies to the next request.
 */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final PolicyStore policies;
    private final UsageMeter usage;
    private Router router;
    private volatile Cached cached;

    private record Cached(Policy source, RoutingPolicy routing) {
    }

    private final AgentConfig.RouterModel model;

    RoutingService(PolicyStore policies, UsageMeter usage, AgentConfig config) {
        this.policies = policies;
        this.usage = usage;
        this.model = config.routing().model();
    }

    void start(@Observes StartupEvent event) {
        router = model == AgentConfig.RouterModel.MINILM ? Router.createMiniLm() : Router.createDefault();
        // Warm the scorer so the first request pays neither class loading nor (MiniLM model) ONNX Runtime's first run.
        router.decide(RouteRequest.ofPrompt("warm up"), DeviceState.ONLINE_FRESH, routingPolicy());
        LOG.infof("router ready: model %s", router.modelVersion());
    }

    void stop(@Observes ShutdownEvent event) {
        if (router != null) {
            router.close();
        }
    }

    public RoutingPolicy routingPolicy() {
        Policy policy = policies.policy();
        Cached c = cached;
        if (c == null || c.source() != policy) {
            c = new Cached(policy, RoutingPolicy.from(policy, Optional.empty()));
            cached = c;
        }
        return c.routing();
    }

    /**
     * Decides a route.
     *
     * @param forced         the route the caller forced ({@code model: local|verify|cloud}), or null for {@code auto}
     * @param piiTypes       entity types the privacy filter found
     * @param cloudReachable whether a cloud is configured and its breaker lets calls through
     * @param split          whether the policy may split the request into subtasks (a text completion is one
     *                       continuation, never split)
     */
    public Decision decide(String appId, List<ChatMessage> messages, Set<String> piiTypes, Route forced, int maxTokens,
                           boolean cloudReachable, boolean split) {
        return decide(appId, messages, piiTypes, List.of(), forced, maxTokens, cloudReachable, split);
    }

    /**
     * As above; {@code privacyReasons} (why an entity blocks: its score and the threshold it met) follow the router's
     * {@code pii:block_offload} in the decision's reasons when the router kept the request on the device for PII.
     */
    public Decision decide(String appId, List<ChatMessage> messages, Set<String> piiTypes, List<String> privacyReasons,
                           Route forced, int maxTokens, boolean cloudReachable, boolean split) {
        return withPrivacyReasons(route(Mode.DECIDE, appId, messages, piiTypes, forced, maxTokens, cloudReachable, split,
                null), privacyReasons);
    }

    /**
     * The decision {@link #decide} would make, for {@code POST /v1/route}: nothing is learned from a dry run (the
     * router's live score window is left alone).
     */
    public Decision preview(String appId, List<ChatMessage> messages, Set<String> piiTypes, List<String> privacyReasons,
                            Route forced, int maxTokens, boolean cloudReachable, boolean split) {
        return withPrivacyReasons(route(Mode.PREVIEW, appId, messages, piiTypes, forced, maxTokens, cloudReachable, split,
                null), privacyReasons);
    }

    /**
     * An {@code auto} request decided again with what the local model measured of it ({@link Router#redecide}: its
     * score joins the live window only once, at the first decision). Never split: only a whole request is measured.
     */
    public Decision redecide(String appId, List<ChatMessage> messages, Set<String> piiTypes, List<String> privacyReasons,
                             int maxTokens, boolean cloudReachable, LocalModelSignals signals) {
        return withPrivacyReasons(route(Mode.REDECIDE, appId, messages, piiTypes, null, maxTokens, cloudReachable, false,
                signals), privacyReasons);
    }

    private enum Mode { DECIDE, PREVIEW, REDECIDE }

    private static Decision withPrivacyReasons(Decision d, List<String> privacyReasons) {
        int at = d.reasons().indexOf(io.edgerouter.router.decision.Reasons.PII_BLOCK_OFFLOAD);
        if (at < 0 || privacyReasons.isEmpty()) {
            return d;
        }
        List<String> reasons = new java.util.ArrayList<>(d.reasons());
        reasons.addAll(at + 1, privacyReasons);
        return d.withReasons(reasons);
    }

    private Decision route(Mode mode, String appId, List<ChatMessage> messages, Set<String> piiTypes, Route forced,
                           int maxTokens, boolean cloudReachable, boolean split, LocalModelSignals signals) {
        List<io.edgerouter.router.ChatMessage> msgs = messages.stream()
                .map(m -> new io.edgerouter.router.ChatMessage(m.role(), m.content())).toList();
        RouteRequest request = new RouteRequest(appId, msgs, piiTypes, forced, maxTokens, signals);
        DeviceState device = new DeviceState(cloudReachable, usage.cloudTokensThisHour(), usage.cloudTokensToday(), usage.usdToday());
        RoutingPolicy policy = routingPolicy();
        RoutingPolicy applied = split ? policy : policy.withSplitSubtasks(false);
        return switch (mode) {
            case DECIDE -> router.decide(request, device, applied);
            case PREVIEW -> router.preview(request, device, applied);
            case REDECIDE -> router.redecide(request, device, applied);
        };
    }

    /** Feeds an outcome (rating, VERIFY acceptance) back into the router's online calibration. */
    public void feedback(Outcome outcome) {
        router.feedback(outcome);
    }

    public String modelVersion() {
        return router.modelVersion();
    }

    public Router router() {
        return router;
    }
}
