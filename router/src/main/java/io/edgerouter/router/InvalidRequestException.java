package io.edgerouter.router;

/** The caller's request cannot be routed as given (empty, role-less, malformed). Not retriable. */
public class InvalidRequestException extends RouterException {

    public InvalidRequestException(String message) {
        super(message, false);
    }
}
