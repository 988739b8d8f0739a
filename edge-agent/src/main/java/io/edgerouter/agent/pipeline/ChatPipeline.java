package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.cloud.CloudClient;
import io.edgerouter.agent.cloud.CloudRejectedException;
import io.edgerouter.agent.cloud.CloudUnavailableException;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.LocalAnswer;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.agent.routing.UsageMeter;
import io.edgerouter.agent.telemetry.TelemetryService;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.protocol.verify.VerifyMode;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The routing pipeline for one chat request: privacy analysis → router decision (per subtask when the
 * router splits the request) → LOCAL (the engine, speculative drafting on) | VERIFY (the engine drafts,
 * the cloud accepts or corrects) | OFFLOAD (masked → cloud → unmasked). A cloud that is missing, down,
 * open-breakered or over budget never fails the request: it is answered locally and the route's
 * reasons say why. Runs on an engine pool thread.
 */
@ApplicationScoped
public class ChatPipeline {

    /** Between the answers of two subtasks. */
    static final String SUBTASK_SEPARATOR = "\n\n";
    /** The reason of a route the caller chose with its {@code model}. */
    static final String FORCED_LOCAL = "forced:request";

    private final EngineService engine;
    private final PrivacyService privacy;
    private final RoutingService routing;
    private final CloudClient cloud;
    private final TelemetryService telemetry;
    private final UsageMeter usage;
    private final PolicyStore policies;
    private final AgentConfig config;
    private final MeterRegistry metrics;
    private final java.util.Map<Route, Timer> latency = new java.util.concurrent.ConcurrentHashMap<>();

    ChatPipeline(EngineService engine, PrivacyService privacy, RoutingService routing, CloudClient cloud,
                 TelemetryService telemetry, UsageMeter usage, PolicyStore policies, AgentConfig config, MeterRegistry metrics) {
        this.engine = engine;
        this.privacy = privacy;
        this.routing = routing;
        this.cloud = cloud;
        this.telemetry = telemetry;
        this.usage = usage;
        this.policies = policies;
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

    /** Validates what the request asks of this agent before any work starts. */
    public void check(ChatRequest request) {
        forcedRoute(request.model());
    }

    /** The routing decision for a request, without generating (also {@code POST /v1/route}). */
    public Decision decide(ChatRequest request, String appId) {
        return decide(request, appId, privacy.analyze(request.messages()));
    }

    private Decision decide(ChatRequest request, String appId, PrivacyService.Findings findings) {
        return routing.decide(appId, request.messages(), findings.entityTypes(), forcedRoute(request.model()),
                maxTokens(request), cloud.available());
    }

    public int maxTokens(ChatRequest request) {
        return request.maxTokens().orElse(config.api().defaultMaxTokens());
    }

    /**
     * How a request was answered.
     *
     * @param route     the route summary it ended with
     * @param rawScore  the router's score before online calibration (what feedback on it must carry), or null when
     *                  nothing was scored ({@code model: local})
     * @param workNanos time spent generating (engine) and waiting for the cloud: the part that is not overhead
     */
    public record Answered(RouteSummary route, Double rawScore, long workNanos) {
    }

    /** Answers a request into {@code sink}. */
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
        boolean began = false;
        int promptTokens = 0;
        int completionTokens = 0;
        String finish = "stop";
        long work = 0;
        for (int i = 0; i < subtasks.size(); i++) {
            SubtaskDecision sub = subtasks.get(i);
            List<ChatMessage> messages = subtasks.size() == 1 ? request.messages() : messagesFor(request.messages(), sub.text());
            int budget = subtasks.size() == 1 ? maxTokens : Math.max(16, maxTokens / subtasks.size());
            long s0 = System.nanoTime();
            List<String> subReasons = new ArrayList<>(sub.reasons());
            if (!began) {
                sink.begin(summary(decision, decision.route(), reasons, summaries, t0));
                began = true;
            } else {
                sink.text(SUBTASK_SEPARATOR);
            }
            long w0 = System.nanoTime();
            Outcome out = execute(sub.route(), messages, subtasks.size() == 1 ? findings : null, request, budget, sink,
                    subReasons, subtasks.size() == 1 ? decision : null);
            work += System.nanoTime() - w0;
            if (out.route() != sub.route()) {
                reasons.addAll(subReasons.subList(sub.reasons().size(), subReasons.size()));
            }
            summaries.add(new RouteSummary.Subtask(subtasks.size() == 1 ? null : sub.text(), out.route().name(), sub.score(),
                    sub.dependsOn().isEmpty() ? null : sub.dependsOn(), subReasons));
            if (out.route().ordinal() > overall.ordinal()) {
                overall = out.route();
            }
            promptTokens += out.promptTokens();
            completionTokens += out.completionTokens();
            if ("length".equals(out.finishReason())) {
                finish = "length";
            }
            record(decision, sub, out, subReasons, appId, completionId, System.nanoTime() - s0);
        }
        RouteSummary summary = summary(decision, overall, dedupe(reasons), summaries, t0);
        sink.end(finish, Usage.of(promptTokens, completionTokens), summary);
        return new Answered(summary, decision.rawScore(), work);
    }

    /**
     * {@code model: local}: nothing leaves the device, so there is nothing to filter and nothing to decide;
     * the router and the privacy analyzer are skipped and the answer carries no score.
     */
    private Answered answerForcedLocal(ChatRequest request, String appId, String completionId, AnswerSink sink, long t0) {
        List<String> reasons = List.of(FORCED_LOCAL);
        RouteSummary begin = new RouteSummary(Route.LOCAL.name(), null, null, reasons, policies.policy().version(),
                routing.modelVersion(), (System.nanoTime() - t0) / 1e6);
        sink.begin(begin);
        long w0 = System.nanoTime();
        Outcome out = local(request.messages(), request, maxTokens(request), sink);
        long work = System.nanoTime() - w0;
        RouteSummary summary = new RouteSummary(Route.LOCAL.name(), null, null, reasons, policies.policy().version(),
                routing.modelVersion(), (System.nanoTime() - t0) / 1e6);
        sink.end(out.finishReason(), Usage.of(out.promptTokens(), out.completionTokens()), summary);
        long nanos = System.nanoTime() - t0;
        meter(out, nanos);
        telemetry.publish(0, 0.0, routing.modelVersion(), Route.LOCAL, reasons, appId, completionId, nanos / 1e6,
                out.promptTokens(), out.completionTokens(), 0, out.draftTokens(), out.acceptedTokens());
        return new Answered(summary, null, work);
    }

    private static List<String> dedupe(List<String> reasons) {
        return List.copyOf(new java.util.LinkedHashSet<>(reasons));
    }

    private RouteSummary summary(Decision d, Route route, List<String> reasons, List<RouteSummary.Subtask> subtasks, long t0) {
        return new RouteSummary(route.name(), d.score(), subtasks.size() > 1 ? List.copyOf(subtasks) : null, List.copyOf(reasons),
                policyVersion(d), d.routerModelVersion(), (System.nanoTime() - t0) / 1e6);
    }

    /**
     * The version of the policy a decision was made under ({@code fleet@version}), not the one in force now:
     * a policy arriving while the router decides must not be reported for a decision it did not shape.
     */
    public static long policyVersion(Decision d) {
        String v = d.policyVersion();
        int at = v.lastIndexOf('@');
        try {
            return Long.parseLong(at >= 0 ? v.substring(at + 1) : v);
        } catch (NumberFormatException e) {
            return -1;
        }
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

    /** What one route produced. */
    record Outcome(Route route, int promptTokens, int completionTokens, String finishReason, int cloudTokens,
                   int draftTokens, int acceptedTokens) {
    }

    /** @param findings the privacy analysis of {@code messages} when already done, else null */
    private Outcome execute(Route route, List<ChatMessage> messages, PrivacyService.Findings findings, ChatRequest request,
                            int maxTokens, AnswerSink sink, List<String> reasons, Decision escalation) {
        if (findings == null && route != Route.LOCAL) {
            findings = privacy.analyze(messages);
        }
        if (route == Route.LOCAL) {
            if (escalation != null && !Double.isNaN(escalation.escalationEntropy()) && cloud.available()) {
                return localEscalating(messages, findings, request, maxTokens, sink, reasons, escalation);
            }
            return local(messages, request, maxTokens, sink);
        }
        if (!cloud.configured()) {
            reasons.add("cloud_not_configured");
            return local(messages, request, maxTokens, sink);
        }
        CountingSink counting = new CountingSink(sink);
        try {
            return route == Route.OFFLOAD ? offload(messages, findings, request, maxTokens, counting)
                    : verify(messages, findings, request, maxTokens, counting, "");
        } catch (CloudUnavailableException | CloudRejectedException e) {
            String why = e instanceof CloudUnavailableException u ? u.reason() : ((CloudRejectedException) e).reason();
            reasons.add(why);
            metrics.counter("edge_cloud_fallbacks_total", "reason", why.replaceAll(":.*", "")).increment();
            if (counting.emitted > 0) {
                // The cloud failed mid-answer: finish what was started locally from the same prompt would repeat
                // text, so the answer ends here and says so.
                reasons.add("cloud_failed_mid_answer");
                return new Outcome(route, 0, counting.emitted, "length", 0, 0, 0);
            }
            Outcome local = local(messages, request, maxTokens, sink);
            return local;
        }
    }

    private SamplingParams sampling(ChatRequest request) {
        double temperature = request.temperature().orElse(0);
        if (temperature <= 0) {
            return SamplingParams.greedy();
        }
        long seed = request.seed().orElse(System.nanoTime());
        return new SamplingParams(temperature, 0, request.topP().orElse(1.0), seed);
    }

    private Outcome local(List<ChatMessage> messages, ChatRequest request, int maxTokens, AnswerSink sink) {
        int[] prompt = engine.promptIds(messages);
        LocalAnswer a = engine.generate(prompt, new EngineService.GenerationSettings(maxTokens, sampling(request), request.stop(), null),
                (id, delta) -> {
                    if (!delta.isEmpty()) {
                        sink.text(delta);
                    }
                }, sink::cancelled);
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
        LocalAnswer a = engine.generate(prompt, new EngineService.GenerationSettings(maxTokens, sampling(request), request.stop(), null),
                new io.edgerouter.engine.TokenListener() {
                    @Override
                    public void onToken(int tokenId, String textDelta) {
                        onToken(tokenId, textDelta, 0.0);
                    }

                    @Override
                    public void onToken(int tokenId, String textDelta, double logProb) {
                        if (!textDelta.isEmpty()) {
                            text.append(textDelta);
                            sink.text(textDelta);
                        }
                        int i = count[0]++ % window;
                        sum[0] += -logProb - recent[i];
                        recent[i] = -logProb;
                        if (escalate[0] == null) {
                            escalate[0] = io.edgerouter.router.EscalationRule
                                    .shouldEscalate(decision, count[0], sum[0] / Math.min(count[0], window)).orElse(null);
                        }
                    }
                }, () -> sink.cancelled() || escalate[0] != null);
        if (escalate[0] == null || count[0] >= maxTokens) {
            return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens(), a.finishReason(), 0, (int) a.drafted(), (int) a.accepted());
        }
        reasons.add(escalate[0]);
        metrics.counter("edge_escalations_total").increment();
        CountingSink counting = new CountingSink(sink);
        try {
            Outcome v = verify(messages, findings, request, maxTokens, counting, text.toString());
            return new Outcome(Route.VERIFY, a.promptTokens(), v.completionTokens(), v.finishReason(), v.cloudTokens(),
                    v.draftTokens(), v.acceptedTokens());
        } catch (CloudUnavailableException | CloudRejectedException e) {
            reasons.add(e instanceof CloudUnavailableException u ? u.reason() : ((CloudRejectedException) e).reason());
            // What was generated locally stands; continue locally from it.
            LocalAnswer rest = engine.generate(concatIds(prompt, a.tokens()), new EngineService.GenerationSettings(
                    Math.max(1, maxTokens - a.completionTokens()), sampling(request), request.stop(), null),
                    (id, d) -> {
                        if (!d.isEmpty()) {
                            sink.text(d);
                        }
                    }, sink::cancelled);
            return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens() + rest.completionTokens(), rest.finishReason(),
                    0, (int) (a.drafted() + rest.drafted()), (int) (a.accepted() + rest.accepted()));
        }
    }

    private static int[] concatIds(int[] a, int[] b) {
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
            ChatCompletion c = cloud.complete(out);
            String text = privacy.filter().deanonymize(c.text(), vault);
            if (!text.isEmpty()) {
                sink.text(text);
            }
            int p = c.usage() == null ? 0 : c.usage().promptTokens();
            int n = c.usage() == null ? 0 : c.usage().completionTokens();
            usage.addCloudTokens(p + n);
            String finish = c.choices().isEmpty() || c.choices().get(0).finishReason() == null ? "stop" : c.choices().get(0).finishReason();
            return new Outcome(Route.OFFLOAD, p, n, finish, p + n, 0, 0);
        }
        StreamingDeanonymizer restore = privacy.filter().streamingDeanonymizer(vault);
        int[] counts = new int[2];
        String[] finish = {"stop"};
        cloud.stream(out.withStream(true), chunk -> {
            String delta = restore.accept(chunk.text());
            if (!delta.isEmpty()) {
                sink.text(delta);
            }
            if (!chunk.choices().isEmpty() && chunk.choices().get(0).finishReason() != null) {
                finish[0] = chunk.choices().get(0).finishReason();
            }
            if (chunk.usage() != null) {
                counts[0] = chunk.usage().promptTokens();
                counts[1] = chunk.usage().completionTokens();
            }
        });
        String tail = restore.flush();
        if (!tail.isEmpty()) {
            sink.text(tail);
        }
        usage.addCloudTokens(counts[0] + counts[1]);
        return new Outcome(Route.OFFLOAD, counts[0], counts[1], finish[0], counts[0] + counts[1], 0, 0);
    }

    /**
     * VERIFY: the local model drafts on the masked prompt, the cloud checks each draft against its own
     * model and returns how many tokens it accepts plus its own next token; the cloud session keeps its
     * KV cache between rounds, so each round sends only the new tokens. In one-shot style the whole
     * local draft goes once and the cloud finishes the answer.
     */
    private Outcome verify(List<ChatMessage> messages, PrivacyService.Findings findings, ChatRequest request, int maxTokens,
                           CountingSink sink, String prefix) {
        Vault vault = new Vault();
        List<ChatMessage> masked = privacy.mask(messages, findings, vault);
        int[] prompt = engine.promptIds(masked);
        StreamingDeanonymizer restore = privacy.filter().streamingDeanonymizer(vault);
        Set<Integer> stops = engine.stopIds();
        SamplingParams sampling = sampling(request);
        VerifyMode mode = sampling.isGreedy() ? VerifyMode.GREEDY : VerifyMode.SAMPLE;
        int k = config.cloud().verifyDraftTokens();
        boolean oneShot = config.cloud().verifyStyle() == AgentConfig.VerifyStyle.ONE_SHOT || policies.policy().verify().oneShot();
        List<Integer> committed = new ArrayList<>();
        String emittedText = "";
        if (!prefix.isEmpty()) {
            // Escalated from LOCAL: the answer so far (already streamed) is masked like the prompt and becomes the
            // start of the verified answer.
            List<ChatMessage> answerSoFar = List.of(ChatMessage.assistant(prefix));
            String maskedPrefix = privacy.mask(answerSoFar, privacy.analyze(answerSoFar), vault).get(0).content();
            for (int id : engine.engine().tokenizer().encode(maskedPrefix)) {
                committed.add(id);
            }
            emittedText = engine.engine().tokenizer().decode(committed.stream().mapToInt(Integer::intValue).toArray());
        }
        // The agent names the session; the gateway keeps context + accepted + next token after each round, so
        // later rounds append nothing unless the agent's context moved on differently.
        String sessionId = "v-" + java.util.UUID.randomUUID();
        boolean first = true;
        int drafted = 0;
        int accepted = 0;
        int cloudTokens = 0;
        String finish = "length";
        List<Integer> pendingAppend = new ArrayList<>(toList(prompt));
        pendingAppend.addAll(committed);
        // One local conversation for all rounds: its KV cache keeps the common prefix, so each round's draft
        // only runs the tokens the cloud added (a rejected tail is rolled back by the prefix match).
        try (Conversation drafting = engine.engine().newConversation()) {
            while (committed.size() < maxTokens && !sink.cancelled()) {
                int want = oneShot ? Math.min(maxTokens - committed.size(), Math.max(k, 16)) : Math.min(k, maxTokens - committed.size());
                int[] context = concat(prompt, committed);
                LocalAnswer draft = engine.generate(drafting, context,
                        new EngineService.GenerationSettings(want, sampling, List.of(), Decoding.VANILLA), (id, d) -> { }, sink::cancelled);
                List<Integer> draftList = toList(draft.tokens());
                VerifyRequest vr = new VerifyRequest(engine.tokenizerHash(), sessionId,
                        first ? pendingAppend : null, first ? null : pendingAppend,
                        draftList, null, mode, sampling.isGreedy() ? null : sampling.seed() + committed.size(),
                        oneShot ? Math.max(0, maxTokens - committed.size() - draftList.size() - 1) : null);
                VerifyResponse resp = cloud.verify(vr);
                first = false;
                int a = Math.max(0, Math.min(resp.accepted(), draftList.size()));
                drafted += draftList.size();
                accepted += a;
                cloudTokens += pendingAppend.size() + draftList.size();
                List<Integer> round = new ArrayList<>(draftList.subList(0, a));
                round.add(resp.nextToken());
                if (resp.continuationIds() != null) {
                    round.addAll(resp.continuationIds());
                }
                boolean stopped = false;
                for (int id : round) {
                    if (stops.contains(id)) {
                        stopped = true;
                        break;
                    }
                    committed.add(id);
                    if (committed.size() >= maxTokens) {
                        break;
                    }
                }
                String text = engine.engine().tokenizer().decode(committed.stream().mapToInt(Integer::intValue).toArray());
                String cut = cutAtStop(text, request.stop());
                if (cut != null) {
                    text = cut;
                    stopped = true;
                }
                if (text.startsWith(emittedText) && text.length() > emittedText.length() && !text.endsWith("\uFFFD")) {
                    String delta = restore.accept(text.substring(emittedText.length()));
                    if (!delta.isEmpty()) {
                        sink.text(delta);
                    }
                    emittedText = text;
                }
                // The session now holds the context plus the accepted draft tokens and the cloud's token (and any
                // continuation): exactly what the agent committed, unless a stop cut the round short.
                pendingAppend = List.of();
                if (stopped) {
                    finish = "stop";
                    break;
                }
                if (oneShot && resp.finishReason() != null) {
                    finish = resp.finishReason();
                    break;
                }
            }
        } finally {
            cloud.endVerifySession(sessionId);
        }
        String tail = restore.flush();
        if (!tail.isEmpty()) {
            sink.text(tail);
        }
        usage.addCloudTokens(cloudTokens);
        metrics.summary("edge_verify_acceptance_ratio").record(drafted == 0 ? 0 : (double) accepted / drafted);
        return new Outcome(Route.VERIFY, prompt.length, committed.size(), finish, cloudTokens, drafted, accepted);
    }

    private static String cutAtStop(String text, List<String> stops) {
        int cut = -1;
        for (String s : stops) {
            int i = text.indexOf(s);
            if (i >= 0 && (cut < 0 || i < cut)) {
                cut = i;
            }
        }
        return cut < 0 ? null : text.substring(0, cut);
    }

    private static List<Integer> toList(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    private static int[] concat(int[] a, List<Integer> b) {
        int[] out = Arrays.copyOf(a, a.length + b.size());
        for (int i = 0; i < b.size(); i++) {
            out[a.length + i] = b.get(i);
        }
        return out;
    }

    private void record(Decision decision, SubtaskDecision sub, Outcome out, List<String> reasons, String appId,
                        String completionId, long nanos) {
        meter(out, nanos);
        if (out.route() == Route.VERIFY && out.draftTokens() > 0) {
            // the cloud's verdict on the local drafts is evidence of how good the local model is at this score:
            // it recalibrates the router online, as user ratings do
            routing.feedback(new io.edgerouter.router.calibration.Outcome(sub.rawScore(),
                    io.edgerouter.router.calibration.Outcome.Kind.VERIFY_ACCEPTANCE,
                    Math.min(1.0, (double) out.acceptedTokens() / out.draftTokens())));
        }
        telemetry.publish(sub.index(), sub.score(), decision.routerModelVersion(), out.route(), reasons, appId, completionId,
                nanos / 1e6, out.promptTokens(), out.completionTokens(), out.cloudTokens(), out.draftTokens(), out.acceptedTokens());
    }

    private void meter(Outcome out, long nanos) {
        String route = out.route().name();
        metrics.counter("edge_requests_total", "route", route).increment();
        latency.computeIfAbsent(out.route(), r -> Timer.builder("edge_request_latency").tag("route", r.name()).register(metrics))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (out.route() == Route.LOCAL) {
            metrics.counter("edge_cloud_tokens_saved_total").increment(out.promptTokens() + out.completionTokens());
        } else if (out.route() == Route.VERIFY) {
            metrics.counter("edge_cloud_tokens_saved_total").increment(out.acceptedTokens());
        }
    }

    /** Counts text handed on, to know whether a cloud failure happened before or after the answer began. */
    static final class CountingSink implements AnswerSink {
        private final AnswerSink inner;
        int emitted;

        CountingSink(AnswerSink inner) {
            this.inner = inner;
        }

        @Override
        public void begin(RouteSummary route) {
            inner.begin(route);
        }

        @Override
        public void text(String delta) {
            emitted++;
            inner.text(delta);
        }

        @Override
        public void end(String finishReason, Usage usage, RouteSummary route) {
            inner.end(finishReason, usage, route);
        }

        @Override
        public boolean cancelled() {
            return inner.cancelled();
        }
    }
}
