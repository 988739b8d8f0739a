package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.engine.ConversationCache;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.EngineSlots;
import io.edgerouter.agent.engine.LocalAnswer;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.sampling.TopLogprobs;
import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.EscalationRule;
import io.edgerouter.router.decision.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.IntFunction;

/**
 * LOCAL: the device's model answers the prompt as written (nothing leaves the device), inside an engine slot held for
 * the whole generation. With a decision's escalation rule, the running mean surprisal of the emitted tokens is checked
 * after every token; when it crosses the threshold the answer continues as VERIFY from the text already handed on.
 */
@ApplicationScoped
class LocalExecutor implements RouteExecutor {

    /** The reason added when an escalated answer could not reach the cloud and was finished on the device. */
    static final String ESCALATION_FINISHED_LOCALLY = "escalation:finished_locally";

    private final EngineService engine;
    private final VerifyExecutor verify;
    private final EgressGate gate;
    private final MeterRegistry metrics;

    LocalExecutor(EngineService engine, VerifyExecutor verify, EgressGate gate, MeterRegistry metrics) {
        this.engine = engine;
        this.verify = verify;
        this.gate = gate;
        this.metrics = metrics;
    }

    @Override
    public Outcome execute(Task task, AnswerSink sink) {
        Decision d = task.escalation();
        if (d != null && !Double.isNaN(d.escalationEntropy()) && task.findings() != null && gate.available()) {
            return escalating(task, sink, d);
        }
        return generate(task, task.prompt().localIds(engine), 0, task.maxTokens(), listener(task, sink), sink);
    }

    /**
     * Continues an answer on the device after {@code answerSoFar} was handed on (a cloud route that failed after the
     * answer began, an escalation that could not reach the cloud).
     */
    Outcome continueFrom(Task task, String answerSoFar, int tokensSoFar, AnswerSink sink) {
        int[] prompt = task.prompt().localIds(engine);
        int[] prefix = answerSoFar.isEmpty() ? new int[0] : engine.answerIds(answerSoFar);
        Outcome rest = generate(task, concat(prompt, prefix), prefix.length, Math.max(1, task.maxTokens() - tokensSoFar),
                (id, delta) -> sink.text(delta, null), sink);
        return new Outcome(Route.LOCAL, prompt.length, tokensSoFar + rest.completionTokens(), rest.finishReason(), 0,
                rest.draftTokens(), rest.acceptedTokens());
    }

    private Outcome generate(Task task, int[] prompt, int answerPrefix, int maxTokens, TokenListener listener, AnswerSink sink) {
        LocalAnswer a;
        HeldBack streamed = new HeldBack(listener);
        try (EngineSlots.Slot slot = slot(task)) {
            a = engine.generate(prompt, answerPrefix, settings(task, maxTokens), streamed,
                    () -> sink.cancelled() || task.context().cancellation().cancelled(), conversationKey(task), task.prefilled());
        }
        String tail = streamed.rest(a.text());
        if (!tail.isEmpty() && !task.context().cancellation().cancelled()) {
            sink.text(tail, null);
        }
        return new Outcome(Route.LOCAL, a.promptTokens() - answerPrefix, a.completionTokens(), a.finishReason(), 0,
                (int) a.drafted(), (int) a.accepted(), Math.min(a.cachedTokens(), a.promptTokens() - answerPrefix));
    }

    /** Which cached turns a LOCAL answer may continue: the caller's app and conversation. */
    static ConversationCache.Key conversationKey(Task task) {
        return conversationKey(task.context());
    }

    static ConversationCache.Key conversationKey(io.edgerouter.agent.request.RequestContext ctx) {
        return ConversationCache.Key.of(ctx.appId(), ctx.conversationId());
    }

    /** The slot the router's measurement of this prompt already holds ({@link PrefillSignals}), else a new one. */
    private EngineSlots.Slot slot(Task task) {
        EngineSlots.Slot held = task.prefilled() == null ? null : task.prefilled().takeSlot();
        return held != null ? held : engine.slot(task.context().cancellation());
    }

    private EngineService.GenerationSettings settings(Task task, int maxTokens) {
        int top = task.prompt() instanceof Prompt.Text t ? t.request().logprobs().orElse(0) : 0;
        return new EngineService.GenerationSettings(maxTokens, EngineService.sampling(task.options()),
                task.prompt().stops(engine, task.options()), null, top);
    }

    private TokenListener listener(Task task, AnswerSink sink) {
        if (task.prompt() instanceof Prompt.Text t && t.request().logprobs().isPresent()) {
            return new LogprobsListener(new CompletionLogprobs.Builder(t.shown(engine).length()),
                    id -> engine.engine().tokenizer().decode(new int[] {id}), sink);
        }
        return (id, delta) -> sink.text(delta, null);
    }

    private Outcome escalating(Task task, AnswerSink sink, Decision decision) {
        EscalationRule.Window window = EscalationRule.window(decision); // starts from the prefill's first-token entropy
        int[] count = {0};
        String[] escalate = {null};
        StringBuilder shown = new StringBuilder();
        int[] prompt = task.prompt().localIds(engine);
        LocalAnswer a;
        try (EngineSlots.Slot slot = slot(task)) {
            a = engine.generate(prompt, 0, settings(task, task.maxTokens()), new TokenListener() {
                @Override
                public void onToken(int tokenId, String textDelta) {
                    onToken(tokenId, textDelta, 0.0);
                }

                @Override
                public void onToken(int tokenId, String textDelta, double logProb) {
                    shown.append(textDelta);
                    sink.text(textDelta, null);
                    count[0]++;
                    if (escalate[0] == null) {
                        escalate[0] = window.emitted(-logProb).orElse(null);
                    }
                }
            }, () -> sink.cancelled() || task.context().cancellation().cancelled() || escalate[0] != null, conversationKey(task),
                    task.prefilled());
        }
        if (escalate[0] == null || count[0] >= task.maxTokens() || task.context().cancellation().cancelled()) {
            return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens(), a.finishReason(), 0, (int) a.drafted(),
                    (int) a.accepted(), a.cachedTokens());
        }
        task.reasons().add(escalate[0]);
        metrics.counter("edge_escalations_total").increment();
        String why = gate.unavailableReason();
        if (why == null) {
            Outcome v = verify.continueFrom(task, shown.toString(), a.completionTokens(), sink);
            return new Outcome(v.route(), a.promptTokens(), v.completionTokens(), v.finishReason(), v.cloudTokens(),
                    (int) a.drafted() + v.draftTokens(), (int) a.accepted() + v.acceptedTokens());
        }
        task.reasons().add(why);
        task.reasons().add(ESCALATION_FINISHED_LOCALLY);
        Outcome rest = continueFrom(task, shown.toString(), a.completionTokens(), sink);
        return new Outcome(Route.LOCAL, a.promptTokens(), rest.completionTokens(), rest.finishReason(), 0,
                (int) a.drafted() + rest.draftTokens(), (int) a.accepted() + rest.acceptedTokens());
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Hands each generated token on with its log-probability and the most likely tokens at its position. */
    private static final class LogprobsListener implements TokenListener {
        private final CompletionLogprobs.Builder logprobs;
        private final IntFunction<String> tokenText;
        private final AnswerSink sink;

        LogprobsListener(CompletionLogprobs.Builder logprobs, IntFunction<String> tokenText, AnswerSink sink) {
            this.logprobs = logprobs;
            this.tokenText = tokenText;
            this.sink = sink;
        }

        @Override
        public void onToken(int tokenId, String textDelta) {
            onToken(tokenId, textDelta, 0.0, TopLogprobs.NONE);
        }

        @Override
        public void onToken(int tokenId, String textDelta, double logProb, TopLogprobs top) {
            sink.text(textDelta, logprobs.add(tokenId, logProb, top.ids(), top.logProbs(), tokenText));
        }
    }
}
