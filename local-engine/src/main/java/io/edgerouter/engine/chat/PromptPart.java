package io.edgerouter.engine.chat;

import java.util.Objects;

/**
 * A piece of prompt text and how the tokenizer reads it: template text, where special-token text such as
 * {@code <|im_start|>} is a control token, or data (what a user or the model wrote), where the same characters are
 * only text.
 *
 * @param text    the characters
 * @param control true for template text, false for data
 */
public record PromptPart(String text, boolean control) {

    public PromptPart {
        Objects.requireNonNull(text, "text");
    }

    /** Template text: its special-token text becomes control tokens. */
    public static PromptPart control(String text) {
        return new PromptPart(text, true);
    }

    /** Data: tokenised as ordinary text even where it spells a special token. */
    public static PromptPart data(String text) {
        return new PromptPart(text, false);
    }
}
