package io.edgerouter.privacy;

/**
 * The caller's mistake: missing or oversized text, an unknown entity or operator name, a bad parameter.
 * Never retriable; the message names the bad value and what is allowed.
 */
public class InvalidInputException extends PrivacyException {

    public InvalidInputException(String message) {
        super(message, false);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
