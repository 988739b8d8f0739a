package io.edgerouter.privacy;

/** A custom recognizer's regular expression does not compile under the linear-time engine (RE2/J). */
public class InvalidPatternException extends InvalidInputException {

    public InvalidPatternException(String message, Throwable cause) {
        super(message, cause);
    }
}
