package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.cloud.CloudClient;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.engine.LocalAnswer;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.routing.UsageMeter;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.GenerationOptions;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.protocol.verify.VerifyMode;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * VERIFY over prompt token ids, for chat and text completions alike: the local model drafts on the (masked) prompt,
 * the cloud checks each draft against its own model and returns how many tokens it accepts plus its own next token;
 * the cloud session keeps its KV cache between rounds, so each round sends only the new tokens. In one-shot style the
 * whole local draft goes once and the cloud finishes the answer. Only token ids leave the device.
 */
@ApplicationScoped
class VerifyRounds {

    private final EngineService engine;
    private final CloudClient cloud;
    private final PrivacyService privacy;
    private final UsageMeter usage;
    private final PolicyStore policies;
    private final AgentConfig config;
    private final MeterRegistry metrics;

    VerifyRounds(EngineService engine, CloudClient cloud, PrivacyService privacy, UsageMeter usage, PolicyStore policies,
                 AgentConfig config, MeterRegistry metrics) {
        this.engine = engine;
        this.cloud = cloud;
        this.privacy = privacy;
        this.usage = usage;
        this.policies = policies;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Answers by VERIFY rounds.
     *
     * @param prompt   the masked prompt's token ids
     * @param prefix   ids of the answer so far (masked; already handed on), empty for a fresh answer
     * @param vault    the placeholders of the masking, to restore them in the text handed on
     * @param stops    stop strings
     */
    Outcome run(int[] prompt, List<Integer> prefix, Vault vault, GenerationOptions request, List<String> stops,
                int maxTokens, CountingSink sink) {
        StreamingDeanonymizer restore = privacy.filter().streamingDeanonymizer(vault);
        Set<Integer> stopIds = engine.stopIds();
        SamplingParams sampling = EngineService.sampling(request);
        VerifyMode mode = sampling.isGreedy() ? VerifyMode.GREEDY : VerifyMode.SAMPLE;
        int k = config.cloud().verifyDraftTokens();
        boolean oneShot = config.cloud().verifyStyle() == AgentConfig.VerifyStyle.ONE_SHOT || policies.policy().verify().oneShot();
        List<Integer> committed = new ArrayList<>(prefix);
        String emittedText = prefix.isEmpty() ? "" : decode(committed);
        // The agent names the session; the gateway keeps context + accepted + next token after each round, so
        // later rounds append nothing unless the agent's context moved on differently.
        String sessionId = "v-" + UUID.randomUUID();
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
                    if (stopIds.contains(id)) {
                        stopped = true;
                        break;
                    }
                    committed.add(id);
                    if (committed.size() >= maxTokens) {
                        break;
                    }
                }
                String text = decode(committed);
                String cut = cutAtStop(text, stops);
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

    private String decode(List<Integer> ids) {
        return engine.engine().tokenizer().decode(ids.stream().mapToInt(Integer::intValue).toArray());
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
}
