package io.edgerouter.privacy;

/** A custom recognizer's regular expression does not compile under the linear-time engine (RE2/J). */
public class InvalidPatternException extends InvalidInputException {

    public InvalidPatternException(String field, String rule, Throwable cause) {
        super(field, rule, cause);
    }

    @Override
    protected InvalidInputException withField(String newField) {
        return new InvalidPatternException(newField, rule(), this);
    }
}
