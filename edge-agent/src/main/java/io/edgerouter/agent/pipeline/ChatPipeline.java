package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.cloud.CloudClient;
import io.edgerouter.agent.cloud.CloudRejectedException;
import io.edgerouter.agent.cloud.CloudUnavailableException;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.LocalAnswer;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.EscalationRule;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The routing pipeline for one chat request: privacy analysis → router decision (per subtask when the
 * router splits the request) → LOCAL (the engine, speculative drafting on) | VERIFY (the engine drafts,
 * the cloud accepts or corrects) | OFFLOAD (masked → cloud → unmasked). A cloud that is missing, down,
 * open-breakered or over budget never fails the request: it is answered locally and the route's
 * reasons say why. Runs on an engine pool thread.
 */
@ApplicationScoped
public class ChatPipeline implements AnswerPipeline<ChatRequest> {

    /** Between the answers of two subtasks. */
    static final String SUBTASK_SEPARATOR = "\n\n";

    private final EngineService engine;
    private final PrivacyService privacy;
    private final RoutingService routing;
    private final CloudClient cloud;
    private final CloudRoutes cloudRoutes;
    private final VerifyRounds rounds;
    private final OutcomeRecorder recorder;
    private final AgentConfig config;
    private final MeterRegistry metrics;

    ChatPipeline(EngineService engine, PrivacyService privacy, RoutingService routing, CloudClient cloud, CloudRoutes cloudRoutes,
                 VerifyRounds rounds, OutcomeRecorder recorder, AgentConfig config, MeterRegistry metrics) {
        this.engine = engine;
        this.privacy = privacy;
        this.routing = routing;
        this.cloud = cloud;
        this.cloudRoutes = cloudRoutes;
        this.rounds = rounds;
        this.recorder = recorder;
        this.config = config;
        this.metrics = metrics;
    }

    /** The route a {@code model} name forces: null for {@code auto}. */
    public static Route forcedRoute(String model) {
        return switch (model.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "local" -> Route.LOCAL;
            case "verify" -> Route.VERIFY;
            case "cloud" -> Route.OFFLOAD;
            default -> throw new InvalidRequestException("model", "must be one of auto, local, verify, cloud, got '" + model + "'");
        };
    }

    @Override
    public void check(ChatRequest request) {
        forcedRoute(request.model());
    }

    /** The routing decision for a request, without generating (also {@code POST /v1/route}). */
    public Decision decide(ChatRequest request, String appId) {
        return decide(request, appId, privacy.analyze(request.messages()));
    }

    private Decision decide(ChatRequest request, String appId, PrivacyService.Findings findings) {
        return routing.decide(appId, request.messages(), findings.entityTypes(), forcedRoute(request.model()),
                maxTokens(request), cloud.available(), true);
    }

    public int maxTokens(ChatRequest request) {
        return request.maxTokens().orElse(config.api().defaultMaxTokens());
    }

    @Override
    public Answered answer(ChatRequest request, String appId, String completionId, AnswerSink sink) {
        long t0 = System.nanoTime();
        if (forcedRoute(request.model()) == Route.LOCAL) {
            return answerForcedLocal(request, appId, completionId, sink, t0);
        }
        // The whole request is analysed once: the router needs the entity types, and a single-subtask answer
        // masks with the same findings.
        PrivacyService.Findings findings = privacy.analyze(request.messages());
        Decision decision = decide(request, appId, findings);
        List<SubtaskDecision> subtasks = decision.subtasks();
        int maxTokens = maxTokens(request);
        List<String> reasons = new ArrayList<>(decision.reasons());
        List<RouteSummary.Subtask> summaries = new ArrayList<>();
        Route overall = Route.LOCAL;
        int promptTokens = 0;
        int completionTokens = 0;
        String finish = "stop";
        long work = 0;
        sink.begin(RouteSummaries.of(decision, decision.route(), reasons, summaries, t0));
        for (int i = 0; i < subtasks.size(); i++) {
            SubtaskDecision sub = subtasks.get(i);
            boolean whole = subtasks.size() == 1;
            List<ChatMessage> messages = whole ? request.messages() : messagesFor(request.messages(), sub.text());
            int budget = whole ? maxTokens : Math.max(16, maxTokens / subtasks.size());
            long s0 = System.nanoTime();
            List<String> subReasons = new ArrayList<>(sub.reasons());
            if (i > 0) {
                sink.text(SUBTASK_SEPARATOR);
            }
            Outcome out = execute(sub.route(), messages, whole ? findings : null, request, budget, sink, subReasons,
                    whole ? decision : null);
            work += System.nanoTime() - s0;
            if (out.route() != sub.route()) {
                reasons.addAll(subReasons.subList(sub.reasons().size(), subReasons.size()));
            }
            summaries.add(new RouteSummary.Subtask(whole ? null : sub.text(), out.route().name(), sub.score(),
                    sub.dependsOn().isEmpty() ? null : sub.dependsOn(), subReasons));
            if (out.route().ordinal() > overall.ordinal()) {
                overall = out.route();
            }
            promptTokens += out.promptTokens();
            completionTokens += out.completionTokens();
            if ("length".equals(out.finishReason())) {
                finish = "length";
            }
            recorder.record(decision, sub, out, subReasons, appId, completionId, System.nanoTime() - s0);
        }
        RouteSummary summary = RouteSummaries.of(decision, overall, reasons, summaries, t0);
        sink.end(finish, Usage.of(promptTokens, completionTokens), summary);
        return new Answered(summary, decision.rawScore(), work);
    }

    /**
     * {@code model: local}: nothing leaves the device, so there is nothing to filter and nothing to decide;
     * the router and the privacy analyzer are skipped and the answer carries no score.
     */
    private Answered answerForcedLocal(ChatRequest request, String appId, String completionId, AnswerSink sink, long t0) {
        return recorder.answerUnscored(List.of(RouteSummaries.FORCED_LOCAL), appId, completionId, sink, t0,
                s -> local(request.messages(), request, maxTokens(request), s));
    }

    /** The system messages of the request followed by the subtask as the user's question. */
    static List<ChatMessage> messagesFor(List<ChatMessage> all, String subtask) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : all) {
            if (m.role().equals("system")) {
                out.add(m);
            }
        }
        out.add(ChatMessage.user(subtask));
        return out;
    }

    /** @param findings the privacy analysis of {@code messages} when already done, else null */
    private Outcome execute(Route route, List<ChatMessage> messages, PrivacyService.Findings findings, ChatRequest request,
                            int maxTokens, AnswerSink sink, List<String> reasons, Decision escalation) {
        PrivacyService.Findings analysed = findings == null && route != Route.LOCAL ? privacy.analyze(messages) : findings;
        if (route == Route.LOCAL) {
            if (escalation != null && !Double.isNaN(escalation.escalationEntropy()) && cloud.available()) {
                return localEscalating(messages, analysed, request, maxTokens, sink, reasons, escalation);
            }
            return local(messages, request, maxTokens, sink);
        }
        return cloudRoutes.withFallback(route, counting -> route == Route.OFFLOAD
                        ? offload(messages, analysed, request, maxTokens, counting)
                        : verify(messages, analysed, request, maxTokens, counting, ""),
                () -> local(messages, request, maxTokens, sink), sink, reasons);
    }

    private EngineService.GenerationSettings settings(ChatRequest request, int maxTokens) {
        return new EngineService.GenerationSettings(maxTokens, EngineService.sampling(request), engine.chatStops(request.stop()), null);
    }

    private Outcome local(List<ChatMessage> messages, ChatRequest request, int maxTokens, AnswerSink sink) {
        int[] prompt = engine.promptIds(messages);
        LocalAnswer a = engine.generate(prompt, settings(request, maxTokens), (id, delta) -> sink.text(delta, null), sink::cancelled);
        return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens(), a.finishReason(), 0, (int) a.drafted(), (int) a.accepted());
    }

    /**
     * LOCAL with the router's escalation rule: the running mean surprisal (−log p of each emitted token under
     * the local model, an estimate of its entropy) over the decision's window is checked after every token;
     * when it reaches the decision's threshold the local generation stops and the answer continues as
     * VERIFY, keeping what was already generated (and streamed).
     */
    private Outcome localEscalating(List<ChatMessage> messages, PrivacyService.Findings findings, ChatRequest request, int maxTokens, AnswerSink sink,
                                    List<String> reasons, Decision decision) {
        int[] prompt = engine.promptIds(messages);
        int window = decision.escalationWindow();
        double[] recent = new double[window];
        int[] count = {0};
        double[] sum = {0};
        String[] escalate = {null};
        StringBuilder text = new StringBuilder();
        LocalAnswer a = engine.generate(prompt, settings(request, maxTokens), new TokenListener() {
            @Override
            public void onToken(int tokenId, String textDelta) {
                onToken(tokenId, textDelta, 0.0);
            }

            @Override
            public void onToken(int tokenId, String textDelta, double logProb) {
                text.append(textDelta);
                sink.text(textDelta, null);
                int i = count[0]++ % window;
                sum[0] += -logProb - recent[i];
                recent[i] = -logProb;
                if (escalate[0] == null) {
                    escalate[0] = EscalationRule.shouldEscalate(decision, count[0], sum[0] / Math.min(count[0], window)).orElse(null);
                }
            }
        }, () -> sink.cancelled() || escalate[0] != null);
        if (escalate[0] == null || count[0] >= maxTokens) {
            return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens(), a.finishReason(), 0, (int) a.drafted(), (int) a.accepted());
        }
        reasons.add(escalate[0]);
        metrics.counter("edge_escalations_total").increment();
        try {
            Outcome v = verify(messages, findings, request, maxTokens, new CountingSink(sink), text.toString());
            return new Outcome(Route.VERIFY, a.promptTokens(), v.completionTokens(), v.finishReason(), v.cloudTokens(),
                    v.draftTokens(), v.acceptedTokens());
        } catch (CloudUnavailableException | CloudRejectedException e) {
            reasons.add(CloudRoutes.reason(e));
            // What was generated locally stands; continue locally from it.
            LocalAnswer rest = engine.generate(concat(prompt, a.tokens()), settings(request, Math.max(1, maxTokens - a.completionTokens())),
                    (id, d) -> sink.text(d, null), sink::cancelled);
            return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens() + rest.completionTokens(), rest.finishReason(),
                    0, (int) (a.drafted() + rest.drafted()), (int) (a.accepted() + rest.accepted()));
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Outcome offload(List<ChatMessage> messages, PrivacyService.Findings findings, ChatRequest request, int maxTokens,
                            AnswerSink sink) {
        Vault vault = new Vault();
        List<ChatMessage> masked = privacy.mask(messages, findings, vault);
        ChatRequest out = request.withMessages(masked).withModel("default").withMaxTokens(maxTokens);
        if (!request.stream()) {
            return cloudRoutes.offloadWhole(cloud.complete(out), vault, sink);
        }
        return cloudRoutes.offloadStream(onChunk -> cloud.stream(out.withStream(true), onChunk::accept), vault, sink);
    }

    /**
     * VERIFY on the masked chat prompt; after an escalation from LOCAL, {@code prefix} is the answer so far (already
     * handed on): masked like the prompt, it becomes the start of the verified answer.
     */
    private Outcome verify(List<ChatMessage> messages, PrivacyService.Findings findings, ChatRequest request, int maxTokens,
                           CountingSink sink, String prefix) {
        Vault vault = new Vault();
        int[] prompt = engine.promptIds(privacy.mask(messages, findings, vault));
        List<Integer> committed = new ArrayList<>();
        if (!prefix.isEmpty()) {
            List<ChatMessage> answerSoFar = List.of(ChatMessage.assistant(prefix));
            String maskedPrefix = privacy.mask(answerSoFar, privacy.analyze(answerSoFar), vault).get(0).content();
            for (int id : engine.engine().tokenizer().encode(maskedPrefix)) {
                committed.add(id);
            }
        }
        return rounds.run(prompt, committed, vault, request, engine.chatStops(request.stop()), maxTokens, sink);
    }
}
