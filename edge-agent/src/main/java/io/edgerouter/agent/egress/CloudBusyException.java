package io.edgerouter.agent.egress;

/** {@code edge.cloud.max-concurrency} cloud calls are in flight already: a 429 with Retry-After, never a queue. */
public final class CloudBusyException extends RuntimeException {

    public CloudBusyException(int limit) {
        super("the cloud route is busy (" + limit + " cloud calls in flight, edge.cloud.max-concurrency); retry shortly",
                null, false, false);
    }

    public String reason() {
        return "cloud_busy";
    }
}
