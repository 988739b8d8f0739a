package io.edgerouter.engine.chat.jinja;

/** {@code raise_exception(message)} called by a template: the render fails with the template's own message. */
final class TemplateRaise extends RuntimeException {

    TemplateRaise(String message) {
        super(message);
    }
}
