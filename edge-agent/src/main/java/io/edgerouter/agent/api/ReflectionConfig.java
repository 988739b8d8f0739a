package io.edgerouter.agent.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON records that are read or written with Jackson outside JAX-RS signatures (the chat route writes
 * its bodies itself, telemetry and the cloud client serialise by hand): registered so that a native
 * build keeps their constructors and accessors.
 */
@RegisterForReflection(targets = {
        io.edgerouter.protocol.openai.ChatCompletion.class,
        io.edgerouter.protocol.openai.ChatCompletion.Choice.class,
        io.edgerouter.protocol.openai.ChatCompletionChunk.class,
        io.edgerouter.protocol.openai.ChatCompletionChunk.Choice.class,
        io.edgerouter.protocol.openai.ChatCompletionChunk.Delta.class,
        io.edgerouter.protocol.openai.ChatMessage.class,
        io.edgerouter.protocol.openai.TextCompletion.class,
        io.edgerouter.protocol.openai.TextCompletion.Choice.class,
        io.edgerouter.protocol.openai.CompletionLogprobs.class,
        io.edgerouter.protocol.openai.Usage.class,
        io.edgerouter.protocol.openai.RouteSummary.class,
        io.edgerouter.protocol.openai.RouteSummary.Subtask.class,
        io.edgerouter.protocol.openai.ErrorBody.class,
        io.edgerouter.protocol.openai.ErrorBody.Error.class,
        io.edgerouter.protocol.verify.VerifyRequest.class,
        io.edgerouter.protocol.verify.VerifyResponse.class,
        io.edgerouter.protocol.verify.VerifyMode.class,
        io.edgerouter.protocol.telemetry.DecisionRecord.class,
        io.edgerouter.protocol.telemetry.RatingRecord.class,
        io.edgerouter.privacy.api.AnalyzeRequest.class,
        io.edgerouter.privacy.api.AnonymizeRequest.class,
        io.edgerouter.privacy.api.DeanonymizeRequest.class,
        io.edgerouter.privacy.api.AdHocRecognizer.class,
        io.edgerouter.privacy.api.AnalyzerResultJson.class,
        io.edgerouter.privacy.api.EngineResponse.class,
        io.edgerouter.privacy.api.OperatorConfigJson.class,
        io.edgerouter.privacy.api.OperatorResultJson.class,
}, ignoreNested = false)
public final class ReflectionConfig {

    private ReflectionConfig() {
    }
}
