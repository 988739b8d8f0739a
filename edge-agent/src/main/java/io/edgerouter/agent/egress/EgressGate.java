package io.edgerouter.agent.egress;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.policy.PolicyStore;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.agent.routing.UsageMeter;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatCompletionChunk;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.CompletionPart;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.TextCompletion;
import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.verify.VerifyRequest;
import io.edgerouter.protocol.verify.VerifyResponse;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Everything that leaves the device passes here, and nothing else may call {@link CloudClient} (an architecture test
 * checks it). On the way out the gate:
 * <ul>
 *   <li>masks: the privacy filter's spans, then every value the request's vault knows, in every message and in every
 *       escalation prefix (a name found once thanks to a cue is masked wherever it recurs);</li>
 *   <li>checks VERIFY token ids: the decoded ids must not contain a value the vault knows, else the call is refused
 *       ({@code egress_refused}) and the answer continues on the device;</li>
 *   <li>drops the OpenAI {@code user} field, or replaces it with a salted hash ({@code edge.cloud.user});</li>
 *   <li>sends no client header except those named in {@code edge.cloud.forward-headers};</li>
 *   <li>bounds cloud calls in flight ({@code edge.cloud.max-concurrency}, beyond it {@link CloudBusyException});</li>
 *   <li>enforces the policy's hourly and daily cloud budgets before each call and counts what each call spent,
 *       asking a streamed upstream for its usage (estimated with the device's tokenizer when none comes back).</li>
 * </ul>
 */
@ApplicationScoped
public class EgressGate {

    /** The reason of a call refused because the hourly or daily cloud budget is spent. */
    public static final String BUDGET_EXHAUSTED = "budget_exhausted";
    /** The reason of a VERIFY call refused because its decoded ids hold a value the vault knows. */
    public static final String EGRESS_REFUSED = "egress_refused:known_value";

    private final CloudClient cloud;
    private final PrivacyService privacy;
    private final UsageMeter usage;
    private final PolicyStore policies;
    private final EngineService engine;
    private final AgentConfig.UserField userField;
    private final Optional<String> userSalt;
    private final Set<String> forwardable;
    private final Semaphore slots;
    private final int maxConcurrency;
    private final AtomicInteger inFlight = new AtomicInteger();

    EgressGate(CloudClient cloud, PrivacyService privacy, UsageMeter usage, PolicyStore policies, EngineService engine,
               AgentConfig config, MeterRegistry metrics) {
        this.cloud = cloud;
        this.privacy = privacy;
        this.usage = usage;
        this.policies = policies;
        this.engine = engine;
        this.userField = config.cloud().user();
        this.userSalt = config.cloud().userSalt().filter(s -> !s.isBlank());
        if (userField == AgentConfig.UserField.HASH && userSalt.isEmpty()) {
            throw new IllegalStateException("edge.cloud.user=hash needs edge.cloud.user-salt (a secret; the same salt keeps"
                    + " the same hash per user across restarts)");
        }
        this.forwardable = config.cloud().forwardHeaders().orElse(List.of()).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.maxConcurrency = config.cloud().maxConcurrency();
        this.slots = new Semaphore(maxConcurrency);
        metrics.gauge("edge_cloud_in_flight", inFlight);
    }

    /** Whether a cloud gateway is configured at all. */
    public boolean configured() {
        return cloud.configured();
    }

    /** Configured and its circuit breaker lets calls through. */
    public boolean available() {
        return cloud.available();
    }

    public io.github.resilience4j.circuitbreaker.CircuitBreaker.State breakerState() {
        return cloud.breakerState();
    }

    /** Cloud calls in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Which of the client's headers may be passed on (lower-case names). */
    public boolean forwards(String header) {
        return forwardable.contains(header.toLowerCase(Locale.ROOT));
    }

    /**
     * Why a cloud route cannot run now (not configured, breaker open, budget spent), or null when it can.
     */
    public String unavailableReason() {
        if (!cloud.configured()) {
            return "cloud_not_configured";
        }
        if (!cloud.available()) {
            return "breaker_open";
        }
        return budgetSpent() ? BUDGET_EXHAUSTED : null;
    }

    private boolean budgetSpent() {
        return spent(policies.policy().budget(), usage.cloudTokensThisHour(), usage.cloudTokensToday(), usage.usdToday());
    }

    /** Whether any of the policy's budgets (tokens per hour, tokens per day, money per day) is used up. */
    static boolean spent(Policy.Budget b, long tokensThisHour, long tokensToday, double usdToday) {
        return b.cloudTokensPerHour().isPresent() && tokensThisHour >= b.cloudTokensPerHour().getAsLong()
                || b.cloudTokensPerDay().isPresent() && tokensToday >= b.cloudTokensPerDay().getAsLong()
                || b.usdPerDay().isPresent() && usdToday >= b.usdPerDay().getAsDouble();
    }

    /**
     * Chat messages as they may leave the device: the analyzer's spans replaced by vault placeholders (the same value
     * gets the same placeholder), then every value the vault knows replaced wherever it occurs.
     */
    public List<ChatMessage> mask(List<ChatMessage> messages, PrivacyService.Findings findings, Vault vault) {
        List<ChatMessage> spans = privacy.mask(messages, findings, vault);
        List<ChatMessage> out = new ArrayList<>(spans.size());
        for (ChatMessage m : spans) {
            String known = vault.maskKnownValues(m.content());
            out.add(known.equals(m.content()) ? m : new ChatMessage(m.role(), known));
        }
        return out;
    }

    /** A piece of text (an answer so far, before escalation) as it may leave the device. */
    public String mask(String text, Vault vault) {
        List<ChatMessage> one = List.of(ChatMessage.assistant(text));
        return mask(one, privacy.analyze(one), vault).get(0).content();
    }

    /** What one cloud answer spent. */
    public record Spent(int promptTokens, int completionTokens, boolean estimated) {
        public int total() {
            return promptTokens + completionTokens;
        }
    }

    /**
     * An OFFLOAD chat answer: {@code onPart} gets the whole answer (or, when {@code stream}, every chunk in order) with
     * placeholders still in; the caller restores them.
     */
    public Spent offload(ChatRequest request, Vault vault, RequestContext ctx, Consumer<CompletionPart> onPart) {
        ChatRequest out = outgoing(request, vault);
        return spend(ctx, () -> {
            Counter counter = new Counter();
            if (!request.stream()) {
                ChatCompletion whole = cloud.complete(out, headers(ctx), ctx.cancellation());
                counter.see(whole);
                onPart.accept(whole);
            } else {
                cloud.stream(out.withStream(true).withIncludeUsage(true), headers(ctx), ctx.cancellation(),
                        (ChatCompletionChunk c) -> {
                            counter.see(c);
                            onPart.accept(c);
                        });
            }
            return counter.spent(() -> estimate(estimatedPromptTokens(out.messages()), counter.text));
        });
    }

    /** An OFFLOAD text completion, as {@link #offload(ChatRequest, Vault, RequestContext, Consumer)}. */
    public Spent offload(CompletionRequest request, Vault vault, RequestContext ctx, Consumer<CompletionPart> onPart) {
        String prompt = vault.maskKnownValues(request.promptText());
        CompletionRequest out = request.withPrompt(new CompletionRequest.Prompt.Text(prompt)).withModel("default")
                .withEcho(false).withUser(user(request.user()));
        return spend(ctx, () -> {
            Counter counter = new Counter();
            if (!request.stream()) {
                TextCompletion whole = cloud.complete(out, headers(ctx), ctx.cancellation());
                counter.see(whole);
                onPart.accept(whole);
            } else {
                cloud.stream(out.withStream(true).withIncludeUsage(true), headers(ctx), ctx.cancellation(), (TextCompletion c) -> {
                    counter.see(c);
                    onPart.accept(c);
                });
            }
            return counter.spent(() -> estimate(engine.engine().textPrompt(prompt).length, counter.text));
        });
    }

    /**
     * One VERIFY round. The ids that leave ({@code context_ids} or {@code context_append_ids}, and the draft) are
     * decoded together with {@code preceding} (the last ids before them, so a value split across rounds is seen whole)
     * and refused when they hold a value the vault knows.
     */
    public VerifyResponse verify(VerifyRequest request, int[] preceding, Vault vault, RequestContext ctx) {
        List<Integer> leaving = new ArrayList<>();
        for (int id : preceding) {
            leaving.add(id);
        }
        if (request.contextIds() != null) {
            leaving.addAll(request.contextIds());
        }
        if (request.contextAppendIds() != null) {
            leaving.addAll(request.contextAppendIds());
        }
        leaving.addAll(request.draftIds());
        String decoded = engine.engine().tokenizer().decode(leaving.stream().mapToInt(Integer::intValue).toArray());
        if (vault.containsKnownValue(decoded)) {
            throw new CloudUnavailableException(EGRESS_REFUSED, "a VERIFY round would have sent a value the request's"
                    + " vault masks; it was not sent", null);
        }
        int sent = (request.contextIds() == null ? 0 : request.contextIds().size())
                + (request.contextAppendIds() == null ? 0 : request.contextAppendIds().size()) + request.draftIds().size();
        return spend(ctx, () -> cloud.verify(request, headers(ctx), ctx.cancellation()),
                r -> sent + 1 + (r.continuationIds() == null ? 0 : r.continuationIds().size()));
    }

    /** Ends a VERIFY session so the gateway frees its KV cache (fire and forget). */
    public void endVerifySession(String sessionId) {
        cloud.endVerifySession(sessionId);
    }

    // -- internals --------------------------------------------------------------------------------------------------

    private ChatRequest outgoing(ChatRequest request, Vault vault) {
        List<ChatMessage> masked = new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            String known = vault.maskKnownValues(m.content());
            masked.add(known.equals(m.content()) ? m : new ChatMessage(m.role(), known));
        }
        return request.withMessages(masked).withModel("default").withUser(user(request.user()));
    }

    /** The {@code user} field as it may leave: dropped, or a salted hash. */
    Optional<String> user(Optional<String> user) {
        if (user.isEmpty() || userField == AgentConfig.UserField.DROP) {
            return Optional.empty();
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(userSalt.orElseThrow().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(user.get().getBytes(StandardCharsets.UTF_8));
            return Optional.of("u-" + HexFormat.of().formatHex(d.digest(), 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> headers(RequestContext ctx) {
        if (forwardable.isEmpty() || ctx.forwardHeaders().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        ctx.forwardHeaders().forEach((k, v) -> {
            if (forwardable.contains(k.toLowerCase(Locale.ROOT))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * The cloud's prompt tokens when it reports none: the device's rendering of the messages, or, when the device's
     * chat template refuses them (Gemma rejects a system message the cloud model accepts), the messages' text.
     */
    private int estimatedPromptTokens(List<ChatMessage> messages) {
        try {
            return engine.promptIds(messages).length;
        } catch (io.edgerouter.engine.InvalidRequestException templateRefused) {
            StringBuilder text = new StringBuilder();
            messages.forEach(m -> text.append(m.role()).append('\n').append(m.content()).append('\n'));
            return engine.engine().tokenizer().encodeText(text.toString()).length;
        }
    }

    private Spent estimate(int promptTokens, StringBuilder answer) {
        return new Spent(promptTokens, engine.engine().tokenizer().encode(answer.toString()).length, true);
    }

    private Spent spend(RequestContext ctx, Supplier<Spent> call) {
        return spend(ctx, call, Spent::total);
    }

    /** Runs one cloud call within the budget and the concurrency bound, and counts the tokens it spent. */
    private <T> T spend(RequestContext ctx, Supplier<T> call, ToIntFunction<T> tokens) {
        if (budgetSpent()) {
            throw new CloudUnavailableException(BUDGET_EXHAUSTED, "the policy's cloud budget for this hour or day is spent", null);
        }
        if (!slots.tryAcquire()) {
            throw new CloudBusyException(maxConcurrency);
        }
        inFlight.incrementAndGet();
        try {
            T result = call.get();
            usage.addCloudTokens(tokens.applyAsInt(result));
            return result;
        } finally {
            inFlight.decrementAndGet();
            slots.release();
        }
    }

    /** Collects usage and text of an answer as it passes. */
    private static final class Counter {
        final StringBuilder text = new StringBuilder();
        int prompt = -1;
        int completion = -1;

        void see(CompletionPart part) {
            if (part.text() != null) {
                text.append(part.text());
            }
            if (part.usage() != null) {
                prompt = part.usage().promptTokens();
                completion = part.usage().completionTokens();
            }
        }

        Spent spent(Supplier<Spent> estimate) {
            return prompt >= 0 ? new Spent(prompt, completion, false) : estimate.get();
        }
    }
}
