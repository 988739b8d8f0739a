package io.edgerouter.agent.policy;

/**
 * A well-formed, correctly signed policy record this agent still refuses: for another fleet, or not newer than the
 * policy in force. The consumer lets it escape so the record goes to the dead-letter topic with this message.
 */
public final class RejectedPolicyException extends RuntimeException {

    public RejectedPolicyException(String reason) {
        super(reason);
    }
}
