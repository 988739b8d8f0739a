package io.edgerouter.router.scorer;

import io.edgerouter.router.RouterException;

/** A weights file is malformed: wrong format tag, wrong dimension, NaN/Inf, unknown field value. Not retriable. */
public class WeightsFormatException extends RouterException {

    public WeightsFormatException(String message) {
        super(message, false);
    }

    public WeightsFormatException(String message, Throwable cause) {
        super(message, false, cause);
    }

    static void requireFinite(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new WeightsFormatException(what + "[" + i + "] is " + values[i] + "; every weight must be finite");
            }
        }
    }
}
