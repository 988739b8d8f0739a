package io.edgerouter.agent.request;

import java.util.Map;

/**
 * What one API call carries besides its body.
 *
 * @param appId          the caller's {@code x-app-id}, or null
 * @param completionId   the id the answer will have ({@code chatcmpl-...})
 * @param cancellation   set when the client hangs up or the agent shuts down
 * @param forwardHeaders the client's headers that {@code edge.cloud.forward-headers} lets reach the cloud (lower-case
 *                       names); nothing else of the client's request headers ever leaves the device
 */
public record RequestContext(String appId, String completionId, Cancellation cancellation, Map<String, String> forwardHeaders) {

    public RequestContext {
        forwardHeaders = Map.copyOf(forwardHeaders);
    }

    /** A context for work nobody can cancel and nothing is forwarded for. */
    public static RequestContext of(String appId, String completionId) {
        return new RequestContext(appId, completionId, Cancellation.none(), Map.of());
    }
}
