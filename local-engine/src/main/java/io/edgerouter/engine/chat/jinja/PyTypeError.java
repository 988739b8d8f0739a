package io.edgerouter.engine.chat.jinja;

/**
 * What Python raises where Jinjava would carry on with a null or a Java value: a method a Python {@code str} does not
 * have, {@code 'a' + None}, a mutating list method in the sandbox. Recorded by Jinjava as a template error and
 * reported by {@link JinjaEnvironment} as the render's failure.
 */
final class PyTypeError extends RuntimeException {

    PyTypeError(String message) {
        super(message);
    }
}
