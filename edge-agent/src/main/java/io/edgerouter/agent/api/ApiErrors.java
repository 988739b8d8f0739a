package io.edgerouter.agent.api;

import io.edgerouter.agent.egress.CloudBusyException;
import io.edgerouter.agent.egress.CloudRejectedException;
import io.edgerouter.agent.egress.CloudUnavailableException;
import io.edgerouter.agent.engine.EngineSlots;
import io.edgerouter.agent.pipeline.AnswerAbortedException;
import io.edgerouter.agent.request.AgentLifecycle;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.agent.engine.EngineBusyException;
import io.edgerouter.engine.BudgetExceededException;
import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.vault.VaultFullException;
import io.edgerouter.protocol.openai.ErrorBody;
import io.edgerouter.protocol.openai.InvalidRequestException;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps failures to an HTTP status and OpenAI's error body; callers' mistakes are 4xx without stack traces. */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    /** A status, an error body, and an optional Retry-After in seconds. */
    public record Mapped(int status, ErrorBody body, Integer retryAfter) {
    }

    private ApiErrors() {
    }

    public static Mapped map(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof InvalidRequestException ir) {
            return new Mapped(400, ErrorBody.invalid(ir.getMessage(), ir.param()), null);
        }
        if (e instanceof VaultFullException full) { // retrying the same conversation cannot help: no Retry-After
            return new Mapped(429, ErrorBody.of(full.getMessage(), "rate_limit_error", null, "vault_full"), null);
        }
        if (e instanceof InvalidInputException ii) {
            return new Mapped(400, ErrorBody.invalid(ii.getMessage(), ii.field()), null);
        }
        if (e instanceof io.edgerouter.router.InvalidRequestException rr) {
            return new Mapped(400, ErrorBody.invalid(rr.getMessage(), "messages"), null);
        }
        if (e instanceof io.edgerouter.engine.InvalidRequestException er) {
            return new Mapped(400, ErrorBody.invalid(er.getMessage(), null), null);
        }
        if (e instanceof BudgetExceededException be) {
            return new Mapped(400, ErrorBody.of(be.getMessage(), "invalid_request_error", "max_tokens", "context_length_exceeded"), null);
        }
        if (e instanceof EngineBusyException busy) {
            return new Mapped(429, ErrorBody.of(busy.getMessage(), "rate_limit_error", null, "engine_busy"), 1);
        }
        if (e instanceof CloudBusyException busy) {
            return new Mapped(429, ErrorBody.of(busy.getMessage(), "rate_limit_error", null, "cloud_busy"), 1);
        }
        if (e instanceof AgentLifecycle.ShuttingDownException down) {
            return new Mapped(503, ErrorBody.of(down.getMessage(), "server_error", null, "shutting_down"), 1);
        }
        if (e instanceof AnswerAbortedException aborted) {
            boolean shutdown = Cancellation.SHUTDOWN.equals(aborted.code());
            return new Mapped(shutdown ? 503 : 502, ErrorBody.of(aborted.getMessage(), "server_error", null,
                    shutdown ? "shutting_down" : aborted.code()), shutdown ? 1 : null);
        }
        if (e instanceof CloudUnavailableException cloud) { // a cloud failure that could not fall back (the client left)
            return new Mapped(502, ErrorBody.of(cloud.getMessage(), "server_error", null, cloud.reason()), null);
        }
        if (e instanceof CloudRejectedException rejected) {
            return new Mapped(502, ErrorBody.of(rejected.getMessage(), "server_error", null, rejected.reason()), null);
        }
        if (e instanceof EngineSlots.EngineCancelledException cancelled) {
            return new Mapped(503, ErrorBody.of(cancelled.getMessage(), "server_error", null, "cancelled"), 1);
        }
        if (e instanceof PayloadTooLargeException big) {
            return new Mapped(413, ErrorBody.of(big.getMessage(), "invalid_request_error", null, "payload_too_large"), null);
        }
        if (e instanceof UnauthorizedException un) {
            return new Mapped(401, ErrorBody.of(un.getMessage(), "authentication_error", null, "invalid_api_key"), null);
        }
        if (e instanceof NotFoundException nf) {
            return new Mapped(404, ErrorBody.of(nf.getMessage(), "invalid_request_error", null, "not_found"), null);
        }
        if (e instanceof ConflictException c) {
            return new Mapped(409, ErrorBody.of(c.getMessage(), "invalid_request_error", c.param(), c.code()), null);
        }
        LOG.errorf(e, "internal error");
        return new Mapped(500, ErrorBody.of("internal error: " + e.getClass().getSimpleName(), "server_error", null, "internal_error"), null);
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A body over {@code edge.api.max-body-bytes}. */
    public static final class PayloadTooLargeException extends RuntimeException {
        public PayloadTooLargeException(long limit) {
            super("request body is larger than the limit of " + limit + " bytes", null, false, false);
        }
    }

    /** Missing or wrong API key. */
    public static final class UnauthorizedException extends RuntimeException {
        public UnauthorizedException(String message) {
            super(message, null, false, false);
        }
    }

    /** A request the current state refuses, e.g. a second rating of a completion; names the field and a code. */
    public static final class ConflictException extends RuntimeException {
        private final String param;
        private final String code;

        public ConflictException(String message, String param, String code) {
            super(message, null, false, false);
            this.param = param;
            this.code = code;
        }

        public String param() {
            return param;
        }

        public String code() {
            return code;
        }
    }

    /** An unknown id. */
    public static final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message, null, false, false);
        }
    }
}
