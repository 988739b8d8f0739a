package io.edgerouter.agent.pipeline;

/**
 * Answers a {@link Task} on one route, writing the answer into a sink as it is produced. One implementation per route
 * ({@link LocalExecutor}, {@link VerifyExecutor}, {@link OffloadExecutor}); {@link FallbackExecutor} wraps the cloud ones.
 */
interface RouteExecutor {

    Outcome execute(Task task, AnswerSink sink);
}
