package io.edgerouter.engine.chat;

import io.edgerouter.engine.ModelLoadException;

/**
 * A model's chat template does not parse: the model cannot be loaded for chat (the message names the file and line).
 */
public final class ChatTemplateSyntaxException extends ModelLoadException {

    public ChatTemplateSyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
