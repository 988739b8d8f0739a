package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteRequestTest {

    private static RouteRequest of(List<ChatMessage> messages) {
        return new RouteRequest(null, messages, Set.of(), null, 64, null);
    }

    @Test
    void rejectsEmptyAndNullMessageLists() {
        assertThatThrownBy(() -> of(List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at least one message");
        assertThatThrownBy(() -> of(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void rejectsRoleLessAndUnknownRoles() {
        assertThatThrownBy(() -> of(List.of(new ChatMessage(null, "hi")))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("messages[0].role is 'null'");
        assertThatThrownBy(() -> of(List.of(new ChatMessage("wizard", "hi")))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'wizard'");
        List<ChatMessage> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> of(withNull)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("messages[0] is null");
    }

    @Test
    void needsANonBlankUserMessage() {
        assertThatThrownBy(() -> of(List.of(new ChatMessage("system", "be nice"), new ChatMessage("user", "  \n"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("non-blank");
        assertThatThrownBy(() -> new RouteRequest(null, List.of(new ChatMessage("user", "x")), null, null, 0, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("maxTokens");
    }

    @Test
    void routesTheLastUserMessage() {
        RouteRequest r = of(List.of(new ChatMessage("user", "first"), new ChatMessage("assistant", "ok"),
                new ChatMessage("User", "second"), new ChatMessage("assistant", "")));
        assertThat(r.routedText()).isEqualTo("second");
        assertThat(r.signals().hasEntropy()).isFalse();
    }
}
