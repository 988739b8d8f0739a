package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.cloud.CloudClient;
import io.edgerouter.agent.cloud.CloudRejectedException;
import io.edgerouter.agent.cloud.CloudUnavailableException;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.routing.UsageMeter;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.CompletionPart;
import io.edgerouter.protocol.policy.Route;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What chat and text completions share on the way to the cloud: the fallback to a local answer when the cloud
 * cannot serve (never a failed request), and reading an OFFLOAD answer back with the masked values restored, whole or
 * streamed (a placeholder split across chunks is held back until complete).
 */
@ApplicationScoped
class CloudRoutes {

    /** The reason added when the cloud failed after part of the answer was already handed on. */
    static final String FAILED_MID_ANSWER = "cloud_failed_mid_answer";

    private final CloudClient cloud;
    private final PrivacyService privacy;
    private final UsageMeter usage;
    private final OutcomeRecorder recorder;

    CloudRoutes(CloudClient cloud, PrivacyService privacy, UsageMeter usage, OutcomeRecorder recorder) {
        this.cloud = cloud;
        this.privacy = privacy;
        this.usage = usage;
        this.recorder = recorder;
    }

    /**
     * Runs a cloud route (OFFLOAD or VERIFY), or {@code local} with the reason why the cloud could not serve: not
     * configured, unreachable, failing, rejecting. A cloud that fails after text was handed on ends the answer there
     * ({@code length}): starting over locally would repeat text.
     */
    Outcome withFallback(Route route, Function<CountingSink, Outcome> cloudRoute, Supplier<Outcome> local, AnswerSink sink,
                         List<String> reasons) {
        if (!cloud.configured()) {
            reasons.add("cloud_not_configured");
            return local.get();
        }
        CountingSink counting = new CountingSink(sink);
        try {
            return cloudRoute.apply(counting);
        } catch (CloudUnavailableException | CloudRejectedException e) {
            String why = reason(e);
            reasons.add(why);
            recorder.fallback(why);
            if (counting.emitted > 0) {
                reasons.add(FAILED_MID_ANSWER);
                return new Outcome(route, 0, counting.emitted, "length", 0, 0, 0);
            }
            return local.get();
        }
    }

    static String reason(RuntimeException cloudFailure) {
        return cloudFailure instanceof CloudUnavailableException u ? u.reason() : ((CloudRejectedException) cloudFailure).reason();
    }

    /** A whole OFFLOAD answer, its masked values restored from {@code vault}. */
    Outcome offloadWhole(CompletionPart reply, Vault vault, AnswerSink sink) {
        sink.text(privacy.filter().deanonymize(reply.text(), vault), reply.logprobs());
        int p = reply.usage() == null ? 0 : reply.usage().promptTokens();
        int n = reply.usage() == null ? 0 : reply.usage().completionTokens();
        usage.addCloudTokens(p + n);
        return new Outcome(Route.OFFLOAD, p, n, reply.finishReason() == null ? "stop" : reply.finishReason(), p + n, 0, 0);
    }

    /** A streamed OFFLOAD answer: {@code stream} hands every chunk to its argument, in order, on this thread. */
    Outcome offloadStream(Consumer<Consumer<CompletionPart>> stream, Vault vault, AnswerSink sink) {
        StreamingDeanonymizer restore = privacy.filter().streamingDeanonymizer(vault);
        int[] counts = new int[2];
        String[] finish = {"stop"};
        stream.accept(chunk -> {
            sink.text(restore.accept(chunk.text()), chunk.logprobs());
            if (chunk.finishReason() != null) {
                finish[0] = chunk.finishReason();
            }
            if (chunk.usage() != null) {
                counts[0] = chunk.usage().promptTokens();
                counts[1] = chunk.usage().completionTokens();
            }
        });
        sink.text(restore.flush(), null);
        usage.addCloudTokens(counts[0] + counts[1]);
        return new Outcome(Route.OFFLOAD, counts[0], counts[1], finish[0], counts[0] + counts[1], 0, 0);
    }
}
