package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.SubtaskDecision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    private static SubtaskDecision sub(int i, String text, List<Integer> dependsOn) {
        return new SubtaskDecision(i, text, dependsOn, Route.LOCAL, 0.1, 0.1, List.of(), List.of());
    }

    @Test
    void subtaskBudgetsAddUpToMaxTokens() {
        assertThat(Planner.budgets(100, 3)).containsExactly(34, 33, 33);
        assertThat(Planner.budgets(2, 3)).containsExactly(1, 1, 0);
        for (int max = 1; max < 50; max++) {
            for (int n = 1; n < 6; n++) {
                assertThat(Planner.budgets(max, n).stream().mapToInt(Integer::intValue).sum()).isEqualTo(max);
            }
        }
    }

    @Test
    void aSubtaskGetsTheHistoryAndTheAnswersItDependsOn() {
        List<ChatMessage> chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is 2+2?"),
                ChatMessage.assistant("4"), ChatMessage.user("Translate 'cat' to French and then use it in a sentence"));
        List<SubtaskDecision> subs = List.of(sub(0, "Translate 'cat' to French", List.of()),
                sub(1, "Use the French word in a sentence", List.of(0)));
        List<ChatMessage> first = Planner.subtaskMessages(chat, subs, 0, List.of());
        assertThat(first).containsExactly(ChatMessage.system("Be brief."), ChatMessage.user("What is 2+2?"),
                ChatMessage.assistant("4"), ChatMessage.user("Translate 'cat' to French"));
        List<ChatMessage> second = Planner.subtaskMessages(chat, subs, 1, List.of("chat"));
        assertThat(second).containsExactly(ChatMessage.system("Be brief."), ChatMessage.user("What is 2+2?"),
                ChatMessage.assistant("4"), ChatMessage.user("Translate 'cat' to French"), ChatMessage.assistant("chat"),
                ChatMessage.user("Use the French word in a sentence"));
    }

    @Test
    void anIndependentSubtaskDoesNotSeeItsSiblingsAnswers() {
        List<ChatMessage> chat = List.of(ChatMessage.user("Name a fruit and name a colour"));
        List<SubtaskDecision> subs = List.of(sub(0, "Name a fruit", List.of()), sub(1, "Name a colour", List.of()));
        assertThat(Planner.subtaskMessages(chat, subs, 1, List.of("apple"))).containsExactly(ChatMessage.user("Name a colour"));
    }
}
