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
 * @param conversationId the caller's {@code x-conversation-id} (which KV cache a LOCAL answer continues), or null; it
 *                       never leaves the device
 */
public record RequestContext(String appId, String completionId, Cancellation cancellation, Map<String, String> forwardHeaders,
                             String conversationId) {

    /** Longest {@code x-conversation-id} accepted. */
    public static final int MAX_CONVERSATION_ID = 256;

    public RequestContext {
        forwardHeaders = Map.copyOf(forwardHeaders);
    }

    public RequestContext(String appId, String completionId, Cancellation cancellation, Map<String, String> forwardHeaders) {
        this(appId, completionId, cancellation, forwardHeaders, null);
    }

    /** A context for work nobody can cancel and nothing is forwarded for. */
    public static RequestContext of(String appId, String completionId) {
        return new RequestContext(appId, completionId, Cancellation.none(), Map.of());
    }

    /** The same call for one subtask of a split request: its prompt is not the conversation's, so no conversation id. */
    public RequestContext forSubtask() {
        return conversationId == null ? this : new RequestContext(appId, completionId, cancellation, forwardHeaders, null);
    }

    /**
     * Why a {@code x-conversation-id} value is refused (null when it is fine): 1 to {@value #MAX_CONVERSATION_ID}
     * printable ASCII characters.
     */
    public static String conversationIdProblem(String id) {
        if (id.isEmpty() || id.length() > MAX_CONVERSATION_ID) {
            return "must be 1 to " + MAX_CONVERSATION_ID + " characters, got " + id.length();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "must be printable ASCII without spaces; character " + i + " is U+"
                        + String.format("%04X", (int) c);
            }
        }
        return null;
    }
}
