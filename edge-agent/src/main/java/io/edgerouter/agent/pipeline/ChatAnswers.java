package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.engine.PrefilledPrompt;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.agent.privacy.ConversationVaults;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers a chat request: the {@link Planner}'s plan, then each subtask in order on its route's executor, the answers
 * joined by a blank line, every subtask's outcome recorded. This class only sequences; what a route does lives in its
 * executor. Runs on a request worker thread.
 */
@ApplicationScoped
public class ChatAnswers implements AnswerPipeline<ChatRequest> {

    /** Between the answers of two subtasks. */
    static final String SUBTASK_SEPARATOR = "\n\n";
    /** A subtask that got no tokens: more subtasks than {@code max_tokens}. */
    static final String NO_TOKENS_LEFT = "subtask:no_tokens_left";

    private final Planner planner;
    private final RouteExecutors executors;
    private final OutcomeRecorder recorder;
    private final ConversationVaults vaults;

    ChatAnswers(Planner planner, RouteExecutors executors, OutcomeRecorder recorder, ConversationVaults vaults) {
        this.planner = planner;
        this.executors = executors;
        this.recorder = recorder;
        this.vaults = vaults;
    }

    @Override
    public void check(ChatRequest request) {
        Planner.forcedRoute(request.model());
    }

    /** The routing decision for a request, without generating ({@code POST /v1/route}). */
    public Decision decide(ChatRequest request, String appId) {
        return planner.preview(request, appId).decision();
    }

    @Override
    public Answered answer(ChatRequest request, RequestContext ctx, AnswerSink sink) {
        long t0 = System.nanoTime();
        if (Planner.forcedRoute(request.model()) == Route.LOCAL) {
            // nothing leaves the device: nothing to filter, nothing to decide; the answer carries no score
            Task task = new Task(0, Route.LOCAL, new Prompt.Chat(request, request.messages()), request, planner.maxTokens(request),
                    null, new Vault(), null, new ArrayList<>(), ctx, r -> { });
            return recorder.answerUnscored(List.of(RouteSummaries.FORCED_LOCAL), ctx, sink, t0,
                    s -> executors.local().execute(task, s));
        }
        Planner.Plan plan = planner.plan(request, ctx);
        try (PrefilledPrompt prefilled = plan.prefilled()) { // back to the conversation cache unless the answer took it
            return answer(plan, request, ctx, sink, t0);
        }
    }

    private Answered answer(Planner.Plan plan, ChatRequest request, RequestContext ctx, AnswerSink sink, long t0) {
        Decision decision = plan.decision();
        List<SubtaskDecision> subtasks = decision.subtasks();
        // the conversation's vault when the caller names one: the same value keeps its placeholder across turns
        Vault vault = vaults.vaultFor(ctx.appId(), ctx.conversationId());
        List<String> reasons = new ArrayList<>(decision.reasons());
        List<RouteSummary.Subtask> summaries = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        Route overall = Route.LOCAL;
        int promptTokens = 0;
        int completionTokens = 0;
        int cachedTokens = 0;
        String finish = "stop";
        long work = 0;
        sink.begin(RouteSummaries.of(decision, decision.route(), reasons, summaries, t0));
        for (int i = 0; i < subtasks.size(); i++) {
            SubtaskDecision sub = subtasks.get(i);
            if (plan.budgets().get(i) == 0) {
                answers.add("");
                summaries.add(new RouteSummary.Subtask(sub.text(), sub.route().name(), sub.score(),
                        sub.dependsOn().isEmpty() ? null : sub.dependsOn(), List.of(NO_TOKENS_LEFT)));
                finish = "length";
                continue;
            }
            if (i > 0) {
                sink.text(SUBTASK_SEPARATOR);
            }
            long s0 = System.nanoTime();
            TextTee tee = new TextTee(sink);
            List<String> whileRunning = reasons;
            Task[] current = new Task[1];
            current[0] = planner.task(plan, i, request, answers, vault, ctx, rerouted -> {
                if (plan.whole()) { // the header still shows the route until text goes out: show the one answering
                    List<String> now = new ArrayList<>(whileRunning);
                    now.addAll(current[0].reasons().subList(sub.reasons().size(), current[0].reasons().size()));
                    sink.begin(RouteSummaries.of(decision, rerouted, now, List.of(), t0));
                }
            });
            Task task = current[0];
            Outcome out;
            try {
                out = executors.of(task.route()).execute(task, tee);
            } catch (RuntimeException e) {
                recorder.record(decision, sub, new Outcome(task.route(), 0, tee.pieces(), "error", 0, 0, 0), task.reasons(),
                        ctx, System.nanoTime() - s0);
                throw e;
            }
            work += System.nanoTime() - s0;
            answers.add(tee.text());
            reasons.addAll(task.reasons().subList(sub.reasons().size(), task.reasons().size()));
            summaries.add(new RouteSummary.Subtask(plan.whole() ? null : sub.text(), out.route().name(), sub.score(),
                    sub.dependsOn().isEmpty() ? null : sub.dependsOn(), task.reasons()));
            if (out.route().ordinal() > overall.ordinal()) {
                overall = out.route();
            }
            promptTokens += out.promptTokens();
            completionTokens += out.completionTokens();
            cachedTokens += out.cachedTokens();
            if ("length".equals(out.finishReason())) {
                finish = "length";
            }
            recorder.record(decision, sub, out, task.reasons(), ctx, System.nanoTime() - s0);
            if (ctx.cancellation().cancelled()) {
                break;
            }
        }
        AnswerAbortedException.throwIfCancelled(ctx);
        RouteSummary summary = RouteSummaries.of(decision, overall, reasons, summaries, t0);
        sink.end(finish, Usage.of(promptTokens, completionTokens, cachedTokens), summary);
        return new Answered(summary, decision.rawScore(), work);
    }

    /** Passes text on and keeps a copy: a later subtask may depend on this answer. */
    private static final class TextTee extends CountingSink {
        private final StringBuilder text = new StringBuilder();

        TextTee(AnswerSink inner) {
            super(inner);
        }

        @Override
        public void text(String delta) {
            text.append(delta);
            super.text(delta);
        }

        @Override
        public void text(String delta, io.edgerouter.protocol.openai.CompletionLogprobs logprobs) {
            text.append(delta);
            super.text(delta, logprobs);
        }

        String text() {
            return text.toString();
        }

        int pieces() {
            return emitted;
        }
    }
}
