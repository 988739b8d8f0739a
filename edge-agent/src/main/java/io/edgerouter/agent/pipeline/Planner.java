package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.engine.PrefilledPrompt;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Privacy analysis + router decision → a plan: one step per subtask, each with its route and its share of
 * {@code max_tokens} (the shares add up to at most {@code max_tokens}). {@link #task} then builds a step's task:
 * a subtask gets the whole conversation history before the split question, plus the question and answer of every
 * subtask it depends on, then its own question.
 */
@ApplicationScoped
class Planner {

    private final PrivacyService privacy;
    private final RoutingService routing;
    private final EgressGate gate;
    private final AgentConfig config;
    private final PrefillSignals signals;

    Planner(PrivacyService privacy, RoutingService routing, EgressGate gate, AgentConfig config, PrefillSignals signals) {
        this.privacy = privacy;
        this.routing = routing;
        this.gate = gate;
        this.config = config;
        this.signals = signals;
    }

    /**
     * A plan.
     *
     * @param findings the analysis of the whole request's messages
     * @param budgets  per subtask its token budget (0 for a subtask that gets none: more subtasks than tokens)
     */
    record Plan(Decision decision, PrivacyService.Findings findings, int maxTokens, List<Integer> budgets,
                PrefilledPrompt prefilled) {

        Plan(Decision decision, PrivacyService.Findings findings, int maxTokens, List<Integer> budgets) {
            this(decision, findings, maxTokens, budgets, null);
        }

        boolean whole() {
            return decision.subtasks().size() == 1;
        }
    }

    /** The route a {@code model} name forces: null for {@code auto}. */
    static Route forcedRoute(String model) {
        return switch (model.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "local" -> Route.LOCAL;
            case "verify" -> Route.VERIFY;
            case "cloud" -> Route.OFFLOAD;
            default -> throw new InvalidRequestException("model", "must be one of auto, local, verify, cloud, got '" + model + "'");
        };
    }

    int maxTokens(ChatRequest request) {
        return request.maxTokens().orElse(config.api().defaultMaxTokens());
    }

    /** The plan of a dry run ({@code POST /v1/route}): the decision an answer would start from, nothing learned from it. */
    Plan preview(ChatRequest request, String appId) {
        PrivacyService.Findings findings = privacy.analyze(request.messages());
        int maxTokens = maxTokens(request);
        Decision decision = routing.preview(appId, request.messages(), findings.entityTypes(), findings.reasons(),
                forcedRoute(request.model()), maxTokens, gate.available(), true);
        return new Plan(decision, findings, maxTokens, budgets(maxTokens, decision.subtasks().size()));
    }

    /**
     * The plan of an answer. When the router keeps a whole {@code auto} request LOCAL and the device's model may be
     * asked ({@link PrefillSignals}), its prompt is prefilled now and the request decided again with what the prefill
     * measured; the plan then carries that prefill for the LOCAL answer to continue. Close {@link Plan#prefilled()}
     * when the answer is done.
     */
    Plan plan(ChatRequest request, RequestContext ctx) {
        PrivacyService.Findings findings = privacy.analyze(request.messages());
        int maxTokens = maxTokens(request);
        Route forced = forcedRoute(request.model());
        Decision decision = routing.decide(ctx.appId(), request.messages(), findings.entityTypes(), findings.reasons(), forced,
                maxTokens, gate.available(), true);
        PrefilledPrompt prefilled = null;
        if (forced == null) {
            PrefillSignals.Measured m = signals.measure(decision, new Prompt.Chat(request, request.messages()), ctx,
                    s -> routing.redecide(ctx.appId(), request.messages(), findings.entityTypes(), findings.reasons(),
                            maxTokens, gate.available(), s));
            decision = m.decision();
            prefilled = m.prefilled();
        }
        return new Plan(decision, findings, maxTokens, budgets(maxTokens, decision.subtasks().size()), prefilled);
    }

    /** {@code maxTokens} split evenly over {@code n} subtasks, the remainder to the first ones; the sum is {@code maxTokens}. */
    static List<Integer> budgets(int maxTokens, int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(maxTokens / n + (i < maxTokens % n ? 1 : 0));
        }
        return out;
    }

    /**
     * The task of step {@code i}.
     *
     * @param answers the answers of the steps before {@code i}, by index
     */
    Task task(Plan plan, int i, ChatRequest request, List<String> answers, Vault vault, RequestContext ctx,
              Consumer<Route> rerouted) {
        SubtaskDecision sub = plan.decision().subtasks().get(i);
        List<ChatMessage> messages;
        PrivacyService.Findings findings;
        if (plan.whole()) {
            messages = request.messages();
            findings = plan.findings();
        } else {
            messages = subtaskMessages(request.messages(), plan.decision().subtasks(), i, answers);
            findings = sub.route() == Route.LOCAL ? null : privacy.analyze(messages);
        }
        return new Task(i, sub.route(), new Prompt.Chat(request, messages), request, plan.budgets().get(i), findings, vault,
                plan.whole() ? plan.decision() : null, new ArrayList<>(sub.reasons()), plan.whole() ? ctx : ctx.forSubtask(), rerouted,
                plan.whole() ? plan.prefilled() : null);
    }

    /**
     * The conversation for subtask {@code i}: every message before the last user message (the one that was split),
     * then for each subtask it depends on that subtask's question and answer, then its own question.
     */
    static List<ChatMessage> subtaskMessages(List<ChatMessage> all, List<SubtaskDecision> subtasks, int i, List<String> answers) {
        int lastUser = -1;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).role().equals("user")) {
                lastUser = k;
            }
        }
        List<ChatMessage> out = new ArrayList<>(all.subList(0, Math.max(0, lastUser)));
        for (int d : subtasks.get(i).dependsOn()) {
            if (d >= 0 && d < i && d < answers.size()) {
                out.add(ChatMessage.user(subtasks.get(d).text()));
                out.add(ChatMessage.assistant(answers.get(d)));
            }
        }
        out.add(ChatMessage.user(subtasks.get(i).text()));
        return out;
    }
}
