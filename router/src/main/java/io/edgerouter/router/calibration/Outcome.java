package io.edgerouter.router.calibration;

import java.util.Objects;

/**
 * Feedback on a routed request: how good the local answer turned out to be.
 *
 * @param rawScore scorer output when the request was routed (before online calibration), in [0, 1]
 * @param kind     where the evidence comes from
 * @param localGood evidence that the local answer was good enough, in [0, 1]: the VERIFY acceptance rate, a user
 *                  rating scaled to [0, 1], or 1/0 for cloud-vs-local agreement
 */
public record Outcome(double rawScore, Kind kind, double localGood) {

    public enum Kind { VERIFY_ACCEPTANCE, USER_RATING, CLOUD_AGREEMENT }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        if (!(rawScore >= 0 && rawScore <= 1)) {
            throw new IllegalArgumentException("rawScore must be in [0, 1], got " + rawScore);
        }
        if (!(localGood >= 0 && localGood <= 1)) {
            throw new IllegalArgumentException("localGood must be in [0, 1], got " + localGood);
        }
    }
}
