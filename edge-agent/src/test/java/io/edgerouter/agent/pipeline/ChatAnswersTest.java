package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.privacy.ConversationVaults;
import io.edgerouter.privacy.vault.VaultLimits;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.SubtaskDecision;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The orchestrator alone: a fake planner, fake executors, a recording recorder. */
class ChatAnswersTest {

    private static final ChatRequest REQUEST = ChatRequestReader.read(("{\"model\":\"auto\",\"max_tokens\":20,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Translate cat to French, then use it in a sentence\"}]}").getBytes(StandardCharsets.UTF_8));

    private static SubtaskDecision sub(int i, String text, Route route, List<Integer> dependsOn) {
        return new SubtaskDecision(i, text, dependsOn, route, 0.5, 0.5, List.of("score"), List.of());
    }

    private static final Decision SPLIT = new Decision(Route.OFFLOAD, 0.5, 0.5, List.of(), List.of("split"),
            List.of(sub(0, "Translate cat to French", Route.LOCAL, List.of()),
                    sub(1, "Use it in a sentence", Route.OFFLOAD, List.of(0))),
            Double.NaN, 1, "default@1", "test-router", 0);

    /** Plans {@link #SPLIT}; builds tasks as the real planner does, without a privacy filter. */
    private static final class FakePlanner extends Planner {
        FakePlanner() {
            super(null, null, null, null, null);
        }

        @Override
        Plan plan(ChatRequest request, RequestContext ctx) {
            return new Plan(SPLIT, null, 20, Planner.budgets(20, 2));
        }

        @Override
        Task task(Plan plan, int i, ChatRequest request, List<String> answers, Vault vault, RequestContext ctx, Consumer<Route> rerouted) {
            SubtaskDecision s = plan.decision().subtasks().get(i);
            return new Task(i, s.route(), new Prompt.Chat(request, Planner.subtaskMessages(request.messages(), plan.decision().subtasks(),
                    i, answers)), request, plan.budgets().get(i), null, vault, null, new ArrayList<>(s.reasons()), ctx, rerouted);
        }
    }

    private static final class Recorded extends OutcomeRecorder {
        final List<Outcome> outcomes = new ArrayList<>();

        Recorded() {
            super(null, null, null, null);
        }

        @Override
        void record(Decision decision, SubtaskDecision sub, Outcome out, List<String> reasons, RequestContext ctx, long nanos) {
            outcomes.add(out);
        }
    }

    @Test
    void subtasksRunInOrderEachWithItsShareAndTheAnswersTheyDependOn() {
        List<Task> seen = new ArrayList<>();
        RouteExecutor local = (t, s) -> {
            seen.add(t);
            s.text("chat");
            return new Outcome(Route.LOCAL, 5, 1, "stop", 0, 0, 0);
        };
        RouteExecutor offload = (t, s) -> {
            seen.add(t);
            t.reasons().add("cloud_error:503");
            s.text("Le chat dort.");
            return new Outcome(Route.OFFLOAD, 9, 4, "length", 13, 0, 0);
        };
        Recorded recorder = new Recorded();
        ChatAnswers answers = new ChatAnswers(new FakePlanner(), new RouteExecutors(local, (t, s) -> {
            throw new AssertionError("no VERIFY subtask");
        }, offload), recorder, new ConversationVaults(VaultLimits.DEFAULTS));
        TextSink sink = new TextSink();

        answers.answer(REQUEST, RequestContext.of("app", "c1"), sink);

        assertThat(sink.text).hasToString("chat" + ChatAnswers.SUBTASK_SEPARATOR + "Le chat dort.");
        assertThat(seen).extracting(Task::maxTokens).containsExactly(10, 10);
        assertThat(((Prompt.Chat) seen.get(1).prompt()).messages()).containsExactly(ChatMessage.system("Be brief."),
                ChatMessage.user("Translate cat to French"), ChatMessage.assistant("chat"), ChatMessage.user("Use it in a sentence"));
        assertThat(seen.get(0).vault()).isSameAs(seen.get(1).vault()); // one vault per request
        assertThat(recorder.outcomes).hasSize(2);
        assertThat(sink.usage).isEqualTo(Usage.of(14, 5));
        assertThat(sink.finish).isEqualTo("length");
        assertThat(sink.end.route()).isEqualTo("OFFLOAD");
        assertThat(sink.end.reasons()).contains("split", "cloud_error:503");
        assertThat(sink.end.subtasks()).extracting(RouteSummary.Subtask::route).containsExactly("LOCAL", "OFFLOAD");
    }

    @Test
    void aCancelledRequestIsRecordedButNotCompleted() {
        Cancellation cancel = new Cancellation();
        RouteExecutor local = (t, s) -> {
            s.text("chat");
            cancel.cancel(Cancellation.SHUTDOWN);
            return new Outcome(Route.LOCAL, 5, 1, "stop", 0, 0, 0);
        };
        RouteExecutor never = (t, s) -> {
            throw new AssertionError("a cancelled request starts no further subtask");
        };
        Recorded recorder = new Recorded();
        TextSink sink = new TextSink();
        ChatAnswers answers = new ChatAnswers(new FakePlanner(), new RouteExecutors(local, never, never), recorder,
                new ConversationVaults(VaultLimits.DEFAULTS));

        assertThatThrownBy(() -> answers.answer(REQUEST, new RequestContext("app", "c1", cancel, java.util.Map.of()), sink))
                .isInstanceOf(AnswerAbortedException.class)
                .satisfies(e -> assertThat(((AnswerAbortedException) e).code()).isEqualTo(Cancellation.SHUTDOWN));
        assertThat(recorder.outcomes).hasSize(1);
        assertThat(sink.end).isNull();
    }
}
