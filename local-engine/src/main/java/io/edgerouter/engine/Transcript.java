package io.edgerouter.engine;

import io.edgerouter.engine.chat.ChatMessage;

import java.util.List;
import java.util.Locale;

/**
 * How chat messages reach a model that has no chat template (a base model such as stories260K or GPT-2): a plain
 * transcript, one {@code Role: content} line per message, then {@code Assistant:} for the answer, which ends where
 * the model starts the next {@code User:} line.
 *
 * <pre>
 * System: Be brief.
 * User: Tell me a story.
 * Assistant:
 * </pre>
 */
public final class Transcript {

    /** Where an answer in a transcript ends: the model writing the next user turn. */
    public static final List<String> STOPS = List.of("\nUser:");

    private Transcript() {
    }

    public static String render(List<ChatMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            String role = m.role().isEmpty() ? "User"
                    : m.role().substring(0, 1).toUpperCase(Locale.ROOT) + m.role().substring(1);
            sb.append(role).append(": ").append(m.content().strip()).append('\n');
        }
        return sb.append("Assistant:").toString();
    }
}
