package io.edgerouter.engine.chat.jinja;

/**
 * A template that does not parse, or a render that failed.
 *
 * @see #raisedByTemplate()
 */
public final class JinjaException extends RuntimeException {

    private final boolean raisedByTemplate;

    JinjaException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    /** Whether the template called {@code raise_exception}; the message is then the template's own, verbatim. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
