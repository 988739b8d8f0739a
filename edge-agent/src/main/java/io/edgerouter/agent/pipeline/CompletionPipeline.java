package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.PrefilledPrompt;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.agent.privacy.ConversationVaults;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.CompletionRequest.Prompt.TokenIds;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers one text completion ({@code POST /v1/completions}, base models), routed and privacy-filtered like chat on the
 * same route executors: the prompt is analysed and scored as one user message (never split into subtasks);
 * {@code block_offload} entities keep it on the device. A prompt given as token ids cannot be privacy-checked and an
 * empty one cannot be scored: both stay LOCAL. Runs on a request worker thread.
 */
@ApplicationScoped
public class CompletionPipeline implements AnswerPipeline<CompletionRequest> {

    /** A token-id prompt: nothing can tell whether it holds personal data, so it never leaves the device. */
    static final String TOKEN_IDS = "prompt:token_ids";
    /** An empty (or blank) prompt: nothing to score. */
    static final String EMPTY = "prompt:empty";
    /** VERIFY cannot report log-probabilities (the cloud returns no alternatives per token). */
    static final String LOGPROBS_LOCAL = "logprobs:local_only";

    private final EngineService engine;
    private final PrivacyService privacy;
    private final RoutingService routing;
    private final EgressGate gate;
    private final RouteExecutors executors;
    private final OutcomeRecorder recorder;
    private final AgentConfig config;
    private final ConversationVaults vaults;
    private final PrefillSignals signals;

    CompletionPipeline(EngineService engine, PrivacyService privacy, RoutingService routing, EgressGate gate, RouteExecutors executors,
                       OutcomeRecorder recorder, AgentConfig config, ConversationVaults vaults, PrefillSignals signals) {
        this.vaults = vaults;
        this.signals = signals;
        this.engine = engine;
        this.privacy = privacy;
        this.routing = routing;
        this.gate = gate;
        this.executors = executors;
        this.recorder = recorder;
        this.config = config;
    }

    @Override
    public void check(CompletionRequest request) {
        Planner.forcedRoute(request.model());
        request.requireFits(engine.engine().target().vocabSize(), engine.engine().bosTokenId());
    }

    private int maxTokens(CompletionRequest request) {
        return request.maxTokens().orElse(config.api().defaultMaxTokens());
    }

    @Override
    public Answered answer(CompletionRequest request, RequestContext ctx, AnswerSink sink) {
        long t0 = System.nanoTime();
        Route forced = Planner.forcedRoute(request.model());
        Prompt.Text prompt = new Prompt.Text(request);
        String unscored = forced == Route.LOCAL ? RouteSummaries.FORCED_LOCAL
                : request.prompt() instanceof TokenIds ? TOKEN_IDS
                : request.promptText().isBlank() ? EMPTY : null;
        if (unscored != null) {
            Task task = new Task(0, Route.LOCAL, prompt, request, maxTokens(request), null, new Vault(), null, new ArrayList<>(),
                    ctx, r -> { });
            return recorder.answerUnscored(List.of(unscored), ctx, sink, t0, s -> {
                echo(request, s);
                return executors.local().execute(task, s);
            });
        }
        List<ChatMessage> asChat = prompt.messages();
        PrivacyService.Findings findings = privacy.analyze(asChat);
        int maxTokens = maxTokens(request);
        Decision text = routing.decide(ctx.appId(), asChat, findings.entityTypes(), findings.reasons(), forced, maxTokens, gate.available(), false);
        PrefillSignals.Measured measured = forced != null ? new PrefillSignals.Measured(text, null)
                : signals.measure(text, prompt, ctx, s -> routing.redecide(ctx.appId(), asChat, findings.entityTypes(),
                        findings.reasons(), maxTokens, gate.available(), s));
        try (PrefilledPrompt prefilled = measured.prefilled()) { // back to the conversation cache unless the answer took it
            return answer(request, ctx, sink, t0, prompt, findings, maxTokens, measured.decision(), prefilled);
        }
    }

    private Answered answer(CompletionRequest request, RequestContext ctx, AnswerSink sink, long t0, Prompt.Text prompt,
                            PrivacyService.Findings findings, int maxTokens, Decision decision, PrefilledPrompt prefilled) {
        List<String> reasons = new ArrayList<>(decision.reasons());
        boolean logprobsKeepLocal = decision.route() == Route.VERIFY && request.logprobs().isPresent();
        if (logprobsKeepLocal) {
            reasons.add(LOGPROBS_LOCAL);
        }
        Route route = logprobsKeepLocal ? Route.LOCAL : decision.route();
        sink.begin(RouteSummaries.of(decision, route, reasons, List.of(), t0));
        echo(request, sink);
        Task task = new Task(0, route, prompt, request, maxTokens, findings, vaults.vaultFor(ctx.appId(), ctx.conversationId()),
                null, reasons, ctx,
                r -> sink.begin(RouteSummaries.of(decision, r, reasons, List.of(), t0)), route == Route.LOCAL ? prefilled : null);
        long w0 = System.nanoTime();
        Outcome out;
        try {
            out = executors.of(route).execute(task, sink);
        } catch (RuntimeException e) {
            recorder.record(decision, decision.subtasks().get(0), new Outcome(route, 0, 0, "error", 0, 0, 0), reasons, ctx,
                    System.nanoTime() - t0);
            throw e;
        }
        long work = System.nanoTime() - w0;
        recorder.record(decision, decision.subtasks().get(0), out, reasons, ctx, System.nanoTime() - t0);
        AnswerAbortedException.throwIfCancelled(ctx);
        RouteSummary summary = RouteSummaries.of(decision, out.route(), reasons, List.of(), t0);
        sink.end(out.finishReason(), Usage.of(out.promptTokens(), out.completionTokens(), out.cachedTokens()), summary);
        return new Answered(summary, decision.rawScore(), work);
    }

    private void echo(CompletionRequest request, AnswerSink sink) {
        if (request.echo()) {
            sink.text(new Prompt.Text(request).shown(engine), null);
        }
    }
}
