package io.edgerouter.router.feature;

import io.edgerouter.router.RouterException;

/** The sentence encoder could not be loaded or failed to run. */
public class EncoderException extends RouterException {

    public EncoderException(String message) {
        this(message, null);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
