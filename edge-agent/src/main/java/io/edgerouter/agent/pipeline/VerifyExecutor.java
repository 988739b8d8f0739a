package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.Generator;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.DraftModelDrafter;
import io.edgerouter.engine.spec.ModelVerifier;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.policy.Route;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * VERIFY: the device's model drafts on the masked prompt and the cloud model checks each draft in one pass, through the
 * engine's own decoding loop ({@link Generator}) with the cloud as its {@link io.edgerouter.engine.spec.Verifier}: stop
 * strings, UTF-8 boundaries, max tokens and streaming behave exactly as on LOCAL, and the greedy answer is the cloud
 * model's own greedy answer. Only masked token ids leave the device (through the egress gate); the text handed on has
 * the placeholders restored. If the cloud fails mid-answer the answer is finished on the device from the committed
 * tokens ({@link RecoveringVerifier}).
 */
@ApplicationScoped
class VerifyExecutor implements RouteExecutor {

    /** Fewest tokens the device drafts for a one-shot VERIFY (the cloud then finishes the answer). */
    private static final int ONE_SHOT_MIN_DRAFT = 16;

    private final EngineService engine;
    private final EgressGate gate;
    private final PrivacyService privacy;
    private final PolicyStore policies;
    private final OutcomeRecorder recorder;
    private final AgentConfig config;
    private final MeterRegistry metrics;

    VerifyExecutor(EngineService engine, EgressGate gate, PrivacyService privacy, PolicyStore policies, OutcomeRecorder recorder,
                   AgentConfig config, MeterRegistry metrics) {
        this.engine = engine;
        this.gate = gate;
        this.privacy = privacy;
        this.policies = policies;
        this.recorder = recorder;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Outcome execute(Task task, AnswerSink sink) {
        return continueFrom(task, "", 0, sink);
    }

    /**
     * VERIFY after {@code answerSoFar} ({@code tokensSoFar} tokens, already handed on) was produced on the device: masked
     * like the prompt, it becomes the start of the verified answer.
     */
    Outcome continueFrom(Task task, String answerSoFar, int tokensSoFar, AnswerSink sink) {
        List<ChatMessage> masked = gate.mask(task.prompt().messages(), task.findings(), task.vault());
        int[] prompt = task.prompt().maskedIds(engine, masked);
        int[] prefix = answerSoFar.isEmpty() ? new int[0] : engine.answerIds(gate.mask(answerSoFar, task.vault()));
        int[] context = LocalExecutor.concat(prompt, prefix);
        int maxTokens = Math.max(1, task.maxTokens() - tokensSoFar);
        SamplingParams sampling = EngineService.sampling(task.options());
        boolean oneShot = config.cloud().verifyStyle() == AgentConfig.VerifyStyle.ONE_SHOT || policies.policy().verify().oneShot();
        int k = oneShot ? Math.max(config.cloud().verifyDraftTokens(), ONE_SHOT_MIN_DRAFT) : config.cloud().verifyDraftTokens();
        int stopToken = engine.stopIds().isEmpty() ? -1 : engine.stopIds().iterator().next();
        StreamingDeanonymizer restore = privacy.filter().streamingDeanonymizer(task.vault());
        RemoteVerifier remote = new RemoteVerifier(gate::verify, task.vault(), task.context(), engine.tokenizerHash(), "v-" + UUID.randomUUID(),
                context.length, maxTokens, oneShot, stopToken);
        GenerationResult r;
        RecoveringVerifier verifier;
        try (Conversation conversation = engine.engine().newConversation()) {
            DecoderSession local = conversation.targetSession();
            verifier = new RecoveringVerifier(remote, new ModelVerifier(local, sampling), engine.slots(), task.context().cancellation(),
                    task.reasons(), recorder::fallback, answerSoFar.isEmpty());
            VerifyDrafter drafter = new VerifyDrafter(new DraftModelDrafter(local, sampling), remote, verifier, engine.slots(),
                    task.context().cancellation());
            GenerationRequest request = engine.request(context, new EngineService.GenerationSettings(maxTokens, sampling,
                    task.prompt().stops(engine, task.options()), Decoding.VANILLA)).withDraftLength(k, k).withAnswerPrefix(prefix.length);
            HeldBack streamed = new HeldBack((id, delta) -> {
                String out = restore.accept(delta);
                if (!out.isEmpty()) {
                    sink.text(out, null);
                }
            });
            r = Generator.withVerifier(verifier, drafter, local, engine.engine().tokenizer()::decode).generate(request, streamed,
                    () -> sink.cancelled() || task.context().cancellation().cancelled());
            String held = streamed.rest(r.text());
            if (!held.isEmpty() && !task.context().cancellation().cancelled()) {
                String out = restore.accept(held);
                if (!out.isEmpty()) {
                    sink.text(out, null);
                }
            }
        } finally {
            if (remote.started()) {
                gate.endVerifySession(remote.sessionId());
            }
        }
        String tail = restore.flush();
        if (!tail.isEmpty()) {
            sink.text(tail, null);
        }
        if (remote.drafted() > 0) {
            metrics.summary("edge_verify_acceptance_ratio").record((double) remote.accepted() / remote.drafted());
        }
        Route route = remote.rounds() > 0 ? Route.VERIFY : Route.LOCAL;
        if (route == Route.LOCAL) {
            task.rerouted().accept(Route.LOCAL);
        }
        return new Outcome(route, prompt.length, tokensSoFar + r.tokens().length, EngineService.finishReason(r.finishReason()),
                remote.cloudTokens(), remote.drafted(), remote.accepted());
    }
}
