package io.edgerouter.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.request.AgentLifecycle;
import io.edgerouter.agent.request.Cancellation;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.agent.request.RequestWorkers;
import io.edgerouter.agent.pipeline.AnswerSink;
import io.edgerouter.agent.pipeline.AnswerPipeline;
import io.edgerouter.agent.pipeline.CompletionLog;
import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.GenerationOptions;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An OpenAI-compatible completion endpoint, plain and streamed (server-sent events ending in {@code data: [DONE]}):
 * what {@code /v1/chat/completions} and {@code /v1/completions} share. The body is read and validated on the event
 * loop (bounded by {@code edge.api.max-body-bytes}); everything else runs on a request worker ({@link RequestWorkers}). A
 * client that hangs up cancels its answer (local generation and the cloud call), streamed or not; during shutdown new
 * requests get 503 ({@link AgentLifecycle}). A streamed answer's headers and first event go out with its first text, so
 * a cloud route that fails before that falls back without the client seeing anything but the final route. Served
 * by a Vert.x route rather than a JAX-RS resource because whether the answer is one JSON body or an event stream is
 * only known once the body is read. Subclasses say what the answer's JSON looks like.
 *
 * @param <R> the request type
 */
abstract class AnswerRoute<R extends GenerationOptions> {

    private static final SecureRandom IDS = new SecureRandom();

    private final AnswerPipeline<R> pipeline;
    private final Function<byte[], R> reader;
    private final RequestWorkers workers;
    private final AgentLifecycle lifecycle;
    private final EgressGate gate;
    private final ApiGuard guard;
    final ObjectMapper mapper;
    private final CompletionLog log;

    /** @param reader reads and validates a body ({@link io.edgerouter.protocol.openai.InvalidRequestException} naming the field) */
    AnswerRoute(AnswerPipeline<R> pipeline, Function<byte[], R> reader, Services services, ApiGuard guard, ObjectMapper mapper,
                CompletionLog log) {
        this.pipeline = pipeline;
        this.reader = reader;
        this.workers = services.workers();
        this.lifecycle = services.lifecycle();
        this.gate = services.gate();
        this.guard = guard;
        this.mapper = mapper;
        this.log = log;
    }

    /** {@code chatcmpl-} or {@code cmpl-}. */
    abstract String idPrefix();

    /** The JSON body of a whole answer. */
    abstract Object body(String id, long created, R request, CollectingSink answer, RouteSummary route);

    /** The event before any text, or null for none. */
    abstract Object firstChunk(String id, long created, R request);

    /** The event carrying a piece of the answer; {@code logprobs} is null unless the request asked for them. */
    abstract Object textChunk(String id, long created, R request, String text, CompletionLogprobs logprobs);

    /** The event carrying the finish reason and the final route. */
    abstract Object finishChunk(String id, long created, R request, String finishReason, RouteSummary route);

    /** The event carrying the usage, after the last one, when the request asked for it. */
    abstract Object usageChunk(String id, long created, R request, Usage usage);

    void register(Router router, String path) {
        router.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(guard.maxBodyBytes()))
                .handler(this::handle)
                .failureHandler(guard::fail);
    }

    String newId() {
        byte[] b = new byte[12];
        IDS.nextBytes(b);
        return idPrefix() + HexFormat.of().formatHex(b);
    }

    private void handle(RoutingContext ctx) {
        long t0 = System.nanoTime();
        R request;
        try {
            request = reader.apply(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            pipeline.check(request);
        } catch (RuntimeException e) {
            guard.write(ctx, e);
            return;
        }
        String app = ctx.request().getHeader("x-app-id");
        String conversation = ctx.request().getHeader("x-conversation-id");
        String conversationProblem = conversation == null ? null : RequestContext.conversationIdProblem(conversation);
        if (conversationProblem != null) {
            guard.write(ctx, new io.edgerouter.protocol.openai.InvalidRequestException("x-conversation-id (header)", conversationProblem));
            return;
        }
        String id = newId();
        long created = System.currentTimeMillis() / 1000;
        Cancellation cancel = new Cancellation();
        Map<String, String> forwarded = new HashMap<>();
        ctx.request().headers().forEach(h -> {
            if (gate.forwards(h.getKey())) {
                forwarded.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
            }
        });
        RequestContext rc = new RequestContext(app, id, cancel, forwarded, conversation);
        AnswerSink sink = request.stream() ? new SseSink(ctx, id, created, request, t0, cancel) : new CollectingSink(cancel);
        try {
            lifecycle.admit(cancel);
        } catch (RuntimeException shuttingDown) {
            guard.write(ctx, shuttingDown);
            return;
        }
        ctx.response().closeHandler(v -> cancel.cancel(Cancellation.CLIENT_GONE));
        try {
            long queued = System.nanoTime();
            workers.submit(() -> {
                // Waiting for a worker is capacity, as waiting for an engine slot is: counted as work, not overhead.
                long waited = System.nanoTime() - queued;
                if (sink instanceof AnswerRoute<?>.SseSink sse) {
                    sse.queuedNanos = waited;
                }
                AnswerPipeline.Answered a = pipeline.answer(request, rc, sink);
                return new AnswerPipeline.Answered(a.route(), a.rawScore(), a.workNanos() + waited);
            }).whenComplete((answered, error) -> {
                try {
                    if (error != null) {
                        if (sink instanceof AnswerRoute<?>.SseSink sse && sse.started) {
                            sse.abort(error);
                        } else {
                            guard.write(ctx, error);
                        }
                        return;
                    }
                    log.remember(id, app, answered.route(), answered.rawScore());
                    if (sink instanceof CollectingSink c) {
                        respond(ctx, body(id, created, request, c, answered.route()), answered, t0);
                    }
                } finally {
                    lifecycle.done(cancel);
                }
            });
        } catch (RuntimeException busy) {
            lifecycle.done(cancel);
            guard.write(ctx, busy);
        }
    }

    private void respond(RoutingContext ctx, Object completion, AnswerPipeline.Answered answered, long t0) {
        try {
            byte[] body = mapper.writeValueAsBytes(completion);
            HttpServerResponse r = ctx.response();
            r.putHeader("content-type", "application/json")
                    .putHeader("x-route", header(answered.route()))
                    .putHeader("x-edge-overhead-ms", overhead(t0, answered.workNanos()))
                    .end(Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            guard.write(ctx, e);
        }
    }

    /** {@code LOCAL; score=0.2213; subtasks=LOCAL,OFFLOAD; reasons=score<0.30}. */
    static String header(RouteSummary r) {
        StringBuilder b = new StringBuilder(r.route());
        if (r.score() != null) {
            b.append("; score=").append(String.format(Locale.ROOT, "%.4f", r.score()));
        }
        if (r.subtasks() != null) {
            b.append("; subtasks=").append(String.join(",", r.subtasks().stream().map(RouteSummary.Subtask::route).toList()));
        }
        if (!r.reasons().isEmpty()) {
            for (int i = 0; i < r.reasons().size(); i++) {
                String reason = r.reasons().get(i);
                b.append(i == 0 ? "; reasons=" : ",");
                for (int k = 0; k < reason.length(); k++) {
                    char c = reason.charAt(k);
                    b.append(c == '\r' || c == '\n' || c == ';' ? ' ' : c); // a header value stays one line, one field
                }
            }
        }
        return b.toString();
    }

    /** Milliseconds since {@code t0} not spent in {@code engineNanos}, with three decimals ({@code 0.190}). */
    static String overhead(long t0, long engineNanos) {
        long micros = Math.max(0, System.nanoTime() - t0 - engineNanos) / 1000;
        return millis(micros);
    }

    /** {@code micros} as milliseconds with three decimals, without {@link String#format} (hot path). */
    static String millis(long micros) {
        long frac = micros % 1000;
        return (micros / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }

    /** Collects the answer for one JSON response. */
    static final class CollectingSink implements AnswerSink {
        final StringBuilder text = new StringBuilder();
        final List<CompletionLogprobs> logprobs = new ArrayList<>();
        private final Cancellation cancel;
        String finish = "stop";
        Usage usage = Usage.of(0, 0);

        CollectingSink(Cancellation cancel) {
            this.cancel = cancel;
        }

        @Override
        public boolean cancelled() {
            return cancel.cancelled();
        }

        @Override
        public void begin(RouteSummary route) {
        }

        @Override
        public void text(String delta) {
            text.append(delta);
        }

        @Override
        public void text(String delta, CompletionLogprobs piece) {
            text.append(delta);
            if (piece != null) {
                logprobs.add(piece);
            }
        }

        @Override
        public void end(String finishReason, Usage u, RouteSummary route) {
            finish = finishReason;
            usage = u;
        }
    }

    /**
     * Writes server-sent events as the answer is produced. The headers (with the route as it stands then) and the first
     * event go out with the first text: until then {@link #begin} may be called again when a fallback changes the route.
     */
    final class SseSink implements AnswerSink {
        private final RoutingContext ctx;
        private final String id;
        private final long created;
        private final R request;
        private final long t0;
        private final Cancellation cancel;
        private RouteSummary pendingRoute;
        private String overheadAtBegin;
        volatile boolean started;
        volatile long queuedNanos;

        SseSink(RoutingContext ctx, String id, long created, R request, long t0, Cancellation cancel) {
            this.ctx = ctx;
            this.id = id;
            this.created = created;
            this.request = request;
            this.t0 = t0;
            this.cancel = cancel;
        }

        @Override
        public synchronized void begin(RouteSummary route) {
            if (!started) {
                pendingRoute = route;
                if (overheadAtBegin == null) {
                    overheadAtBegin = overhead(t0, queuedNanos); // what the agent adds before the answer starts
                }
            }
        }

        private synchronized void start() {
            if (started) {
                return;
            }
            started = true;
            HttpServerResponse r = ctx.response();
            if (r.closed()) {
                return;
            }
            r.setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache");
            if (pendingRoute != null) {
                r.putHeader("x-route", header(pendingRoute));
            }
            r.putHeader("x-edge-overhead-ms", overheadAtBegin == null ? overhead(t0, queuedNanos) : overheadAtBegin);
            Object first = firstChunk(id, created, request);
            if (first != null) {
                event(first);
            }
        }

        @Override
        public void text(String delta) {
            text(delta, null);
        }

        @Override
        public void text(String delta, CompletionLogprobs logprobs) {
            if (!delta.isEmpty() || logprobs != null) {
                start();
                event(textChunk(id, created, request, delta, logprobs));
            }
        }

        @Override
        public void end(String finishReason, Usage usage, RouteSummary route) {
            start();
            event(finishChunk(id, created, request, finishReason, route));
            if (request.includeUsage()) {
                event(usageChunk(id, created, request, usage));
            }
            if (!ctx.response().closed()) {
                ctx.response().end("data: [DONE]\n\n");
            }
        }

        @Override
        public boolean cancelled() {
            return cancel.cancelled() || ctx.response().closed();
        }

        /** Ends an open stream with an OpenAI-style error event and {@code [DONE]}. */
        void abort(Throwable error) {
            if (ctx.response().closed() || ctx.response().ended()) {
                return;
            }
            ApiErrors.Mapped m = ApiErrors.map(error);
            try {
                ctx.response().write("data: " + mapper.writeValueAsString(m.body()) + "\n\n");
            } catch (JsonProcessingException ignored) {
                // the error body is a plain record; it always serialises
            }
            ctx.response().end("data: [DONE]\n\n");
        }

        private void event(Object chunk) {
            if (ctx.response().closed()) {
                return;
            }
            try {
                ctx.response().write("data: " + mapper.writeValueAsString(chunk) + "\n\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            } catch (IllegalStateException closedMeanwhile) {
                cancel.cancel(Cancellation.CLIENT_GONE);
            }
        }
    }

    /** What every answer endpoint needs besides its pipeline. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Services {
        private final RequestWorkers workers;
        private final AgentLifecycle lifecycle;
        private final EgressGate gate;

        Services(RequestWorkers workers, AgentLifecycle lifecycle, EgressGate gate) {
            this.workers = workers;
            this.lifecycle = lifecycle;
            this.gate = gate;
        }

        RequestWorkers workers() {
            return workers;
        }

        AgentLifecycle lifecycle() {
            return lifecycle;
        }

        EgressGate gate() {
            return gate;
        }
    }
}
