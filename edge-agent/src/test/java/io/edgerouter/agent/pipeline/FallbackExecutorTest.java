package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.egress.CloudUnavailableException;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.policy.Route;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackExecutorTest {

    private static final Outcome LOCAL = new Outcome(Route.LOCAL, 3, 2, "stop", 0, 0, 0);

    private final List<String> fallbacks = new ArrayList<>();
    private final List<Route> rerouted = new ArrayList<>();
    private final TextSink sink = new TextSink();
    private final StringBuilder text = sink.text;

    private Task task() {
        var request = ChatRequestReader.read("{\"model\":\"cloud\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        return new Task(0, Route.OFFLOAD, new Prompt.Chat(request, List.of(ChatMessage.user("hi"))), request, 16, null, new Vault(),
                null, new ArrayList<>(), RequestContext.of(null, "c1"), rerouted::add);
    }

    private static RouteExecutor local(StringBuilder marker) {
        return (t, s) -> {
            s.text("local");
            marker.append("ran");
            return LOCAL;
        };
    }

    @Test
    void aCloudThatCannotServeIsNotCalledAndTheDeviceAnswers() {
        StringBuilder ran = new StringBuilder();
        RouteExecutor cloud = (t, s) -> {
            throw new AssertionError("must not be called");
        };
        Task task = task();
        Outcome out = new FallbackExecutor(cloud, local(ran), () -> "budget_exhausted", fallbacks::add).execute(task, sink);
        assertThat(out).isSameAs(LOCAL);
        assertThat(task.reasons()).containsExactly("budget_exhausted");
        assertThat(fallbacks).containsExactly("budget_exhausted");
        assertThat(rerouted).containsExactly(Route.LOCAL);
        assertThat(text).hasToString("local");
    }

    @Test
    void aFailureBeforeAnyTextFallsBackWithTheReason() {
        StringBuilder ran = new StringBuilder();
        RouteExecutor cloud = (t, s) -> {
            throw new CloudRejectedException(400, "", ": bad");
        };
        Task task = task();
        new FallbackExecutor(cloud, local(ran), () -> null, fallbacks::add).execute(task, sink);
        assertThat(ran).hasToString("ran");
        assertThat(task.reasons()).containsExactly("cloud_rejected:400");
    }

    @Test
    void aFailureAfterTextEndsTheAnswerInsteadOfRepeatingIt() {
        StringBuilder ran = new StringBuilder();
        RouteExecutor cloud = (t, s) -> {
            s.text("Once upon");
            throw new CloudUnavailableException("cloud_stream_error", "boom", null);
        };
        Task task = task();
        assertThatThrownBy(() -> new FallbackExecutor(cloud, local(ran), () -> null, fallbacks::add).execute(task, sink))
                .isInstanceOf(AnswerAbortedException.class)
                .satisfies(e -> assertThat(((AnswerAbortedException) e).code()).isEqualTo("cloud_stream_error"));
        assertThat(ran).isEmpty();
        assertThat(text).hasToString("Once upon");
        assertThat(task.reasons()).containsExactly("cloud_stream_error", FallbackExecutor.FAILED_MID_ANSWER);
        assertThat(rerouted).isEmpty();
    }
}
