package io.edgerouter.engine.chat;

import io.edgerouter.engine.InvalidRequestException;

/**
 * A chat template refused the conversation or failed on it: Gemma's {@code raise_exception('System role not
 * supported')}, roles that do not alternate, a template rule that fails on these messages. The caller's request
 * cannot be rendered as it is (an HTTP 400), so this is an {@link InvalidRequestException}.
 */
public final class ChatTemplateException extends InvalidRequestException {

    private final boolean raisedByTemplate;

    public ChatTemplateException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    /** Whether the template itself refused ({@code raise_exception}); the message is then the template's, verbatim. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
