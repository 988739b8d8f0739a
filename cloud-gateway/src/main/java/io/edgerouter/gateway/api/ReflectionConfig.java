package io.edgerouter.gateway.api;

import io.edgerouter.protocol.fleet.FleetStats;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatCompletionChunk;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ErrorBody;
import io.edgerouter.protocol.openai.Usage;
import io.edgerouter.protocol.telemetry.DecisionRecord;
import io.edgerouter.protocol.telemetry.RatingRecord;
import io.edgerouter.protocol.verify.VerifyResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Protocol records Jackson reads or writes outside REST method signatures (SSE events, Kafka values, error bodies). */
@RegisterForReflection(targets = {
        DecisionRecord.class, RatingRecord.class, FleetStats.class, FleetStats.RouteStats.class, FleetStats.RatingStats.class,
        VerifyResponse.class,
        ChatCompletion.class, ChatCompletion.Choice.class, ChatCompletionChunk.class, ChatCompletionChunk.Choice.class,
        ChatCompletionChunk.Delta.class, ChatMessage.class, Usage.class, ErrorBody.class, ErrorBody.Error.class})
public final class ReflectionConfig {

    private ReflectionConfig() {
    }
}
