package io.edgerouter.engine.chat;

import io.edgerouter.engine.InvalidRequestException;

/** One chat turn; role is system, user or assistant. */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        if (role == null || !(role.equals("system") || role.equals("user") || role.equals("assistant"))) {
            throw new InvalidRequestException("chat role must be system, user or assistant, got " + role);
        }
        if (content == null) {
            throw new InvalidRequestException("chat message content must not be null");
        }
    }
}
