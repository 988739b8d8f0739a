package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.cloud.CloudClient;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.LocalAnswer;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.routing.RoutingService;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.sampling.TopLogprobs;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.CompletionRequest.Prompt;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The routing pipeline for one text completion ({@code POST /v1/completions}, base models), routed and
 * privacy-filtered like chat: the prompt is analysed and scored as one user message (never split into subtasks);
 * {@code block_offload} entities keep it on the device; OFFLOAD sends the masked prompt to the gateway's
 * {@code /v1/completions} and restores the answer; VERIFY drafts on the masked prompt's ids. A prompt given as token
 * ids cannot be privacy-checked and an empty one cannot be scored: both stay LOCAL. Runs on an engine pool thread.
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
    private final CloudClient cloud;
    private final CloudRoutes cloudRoutes;
    private final VerifyRounds rounds;
    private final OutcomeRecorder recorder;
    private final AgentConfig config;

    CompletionPipeline(EngineService engine, PrivacyService privacy, RoutingService routing, CloudClient cloud,
                       CloudRoutes cloudRoutes, VerifyRounds rounds, OutcomeRecorder recorder, AgentConfig config) {
        this.engine = engine;
        this.privacy = privacy;
        this.routing = routing;
        this.cloud = cloud;
        this.cloudRoutes = cloudRoutes;
        this.rounds = rounds;
        this.recorder = recorder;
        this.config = config;
    }

    @Override
    public void check(CompletionRequest request) {
        ChatPipeline.forcedRoute(request.model());
        request.requireFits(engine.engine().target().vocabSize(), engine.engine().bosTokenId());
    }

    private int maxTokens(CompletionRequest request) {
        return request.maxTokens().orElse(config.api().defaultMaxTokens());
    }

    @Override
    public Answered answer(CompletionRequest request, String appId, String completionId, AnswerSink sink) {
        long t0 = System.nanoTime();
        Route forced = ChatPipeline.forcedRoute(request.model());
        String unscored = forced == Route.LOCAL ? RouteSummaries.FORCED_LOCAL
                : request.prompt() instanceof Prompt.TokenIds ? TOKEN_IDS
                : request.promptText().isBlank() ? EMPTY : null;
        if (unscored != null) {
            return recorder.answerUnscored(List.of(unscored), appId, completionId, sink, t0, s -> {
                echo(request, s);
                return local(request, s);
            });
        }
        List<ChatMessage> asChat = List.of(ChatMessage.user(request.promptText()));
        PrivacyService.Findings findings = privacy.analyze(asChat);
        int maxTokens = maxTokens(request);
        Decision decision = routing.decide(appId, asChat, findings.entityTypes(), forced, maxTokens, cloud.available(), false);
        List<String> reasons = new ArrayList<>(decision.reasons());
        boolean logprobsKeepLocal = decision.route() == Route.VERIFY && request.logprobs().isPresent();
        if (logprobsKeepLocal) {
            reasons.add(LOGPROBS_LOCAL);
        }
        Route route = logprobsKeepLocal ? Route.LOCAL : decision.route();
        sink.begin(RouteSummaries.of(decision, route, reasons, List.of(), t0));
        echo(request, sink);
        long w0 = System.nanoTime();
        Outcome out = route == Route.LOCAL ? local(request, sink)
                : cloudRoutes.withFallback(route, counting -> route == Route.OFFLOAD
                        ? offload(request, findings, maxTokens, counting)
                        : verify(request, findings, maxTokens, counting), () -> local(request, sink), sink, reasons);
        long work = System.nanoTime() - w0;
        RouteSummary summary = RouteSummaries.of(decision, out.route(), reasons, List.of(), t0);
        sink.end(out.finishReason(), Usage.of(out.promptTokens(), out.completionTokens()), summary);
        recorder.record(decision, decision.subtasks().get(0), out, reasons, appId, completionId, System.nanoTime() - t0);
        return new Answered(summary, decision.rawScore(), work);
    }

    /** The prompt as text: as sent, or the token ids decoded. */
    private String shownPrompt(CompletionRequest request) {
        return request.prompt() instanceof Prompt.TokenIds ids ? engine.engine().tokenizer().decode(ids.toArray()) : request.promptText();
    }

    private void echo(CompletionRequest request, AnswerSink sink) {
        if (request.echo()) {
            sink.text(shownPrompt(request), null);
        }
    }

    private Outcome local(CompletionRequest request, AnswerSink sink) {
        int[] prompt = request.prompt() instanceof Prompt.TokenIds ids ? ids.toArray() : engine.engine().textPrompt(request.promptText());
        TokenListener listener = request.logprobs().isEmpty() ? (id, delta) -> sink.text(delta, null)
                : new LogprobsListener(new CompletionLogprobs.Builder(shownPrompt(request).length()),
                        id -> engine.engine().tokenizer().decode(new int[] {id}), sink);
        LocalAnswer a = engine.generate(prompt, new EngineService.GenerationSettings(maxTokens(request), EngineService.sampling(request),
                request.stop(), null, request.logprobs().orElse(0)), listener, sink::cancelled);
        return new Outcome(Route.LOCAL, a.promptTokens(), a.completionTokens(), a.finishReason(), 0, (int) a.drafted(), (int) a.accepted());
    }

    private String mask(CompletionRequest request, PrivacyService.Findings findings, Vault vault) {
        return privacy.mask(List.of(ChatMessage.user(request.promptText())), findings, vault).get(0).content();
    }

    /** The masked prompt to the gateway's {@code /v1/completions}; the echo, if asked for, was already handed on. */
    private Outcome offload(CompletionRequest request, PrivacyService.Findings findings, int maxTokens, AnswerSink sink) {
        Vault vault = new Vault();
        CompletionRequest out = request.withPrompt(new Prompt.Text(mask(request, findings, vault))).withModel("default")
                .withMaxTokens(maxTokens).withEcho(false);
        if (!request.stream()) {
            return cloudRoutes.offloadWhole(cloud.complete(out), vault, sink);
        }
        return cloudRoutes.offloadStream(onChunk -> cloud.stream(out.withStream(true), onChunk::accept), vault, sink);
    }

    private Outcome verify(CompletionRequest request, PrivacyService.Findings findings, int maxTokens, CountingSink sink) {
        Vault vault = new Vault();
        int[] prompt = engine.engine().textPrompt(mask(request, findings, vault));
        return rounds.run(prompt, List.of(), vault, request, request.stop(), maxTokens, sink);
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
