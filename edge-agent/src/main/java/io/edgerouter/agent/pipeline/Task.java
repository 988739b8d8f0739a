package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.engine.PrefilledPrompt;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.GenerationOptions;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;

import java.util.List;
import java.util.function.Consumer;

/**
 * One unit a route executor answers: a whole request, or one subtask of a split one.
 *
 * @param index      the subtask's index (0 for a whole request)
 * @param route      the route the plan chose
 * @param prompt     what to answer
 * @param options    sampling, stops, streaming of the client's request
 * @param maxTokens  this unit's share of {@code max_tokens}
 * @param findings   the privacy analysis of {@code prompt.messages()}, or null when nothing will leave the device
 * @param vault      the request's placeholders (one per request: the same value has one placeholder in all subtasks)
 * @param escalation the decision whose escalation rule a LOCAL answer follows, or null
 * @param reasons    the route's reasons; executors add theirs (a fallback, an escalation) — mutable, owned by the task
 * @param context    the client's call (cancellation, forwarded headers)
 * @param rerouted   told the route that now answers when a fallback changes it before any text went out
 * @param prefilled  the prompt's prefill the router's measurement ran ({@link PrefillSignals}), for a LOCAL answer to
 *                   continue, or null; owned by the pipeline, which closes it
 */
record Task(int index, Route route, Prompt prompt, GenerationOptions options, int maxTokens, PrivacyService.Findings findings,
            Vault vault, Decision escalation, List<String> reasons, RequestContext context, Consumer<Route> rerouted,
            PrefilledPrompt prefilled) {

    /** A task without a prefilled prompt. */
    Task(int index, Route route, Prompt prompt, GenerationOptions options, int maxTokens, PrivacyService.Findings findings,
         Vault vault, Decision escalation, List<String> reasons, RequestContext context, Consumer<Route> rerouted) {
        this(index, route, prompt, options, maxTokens, findings, vault, escalation, reasons, context, rerouted, null);
    }
}
