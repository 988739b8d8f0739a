package io.edgerouter.agent.api;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official OpenAI Java SDK talks to the agent unchanged, chat and legacy text completions: only the base URL differs. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class OpenAiSdkTest {

    @TestHTTPResource("/v1")
    URL base;

    private OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("not-needed-on-loopback").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Answer briefly.")
                .addUserMessage("Rewrite: the quick brown fox jumps over the lazy dog").maxCompletionTokens(10).build();
    }

    @Test
    void plainAndStreamedCompletionsThroughTheSdk() {
        OpenAIClient client = client();
        ChatCompletion completion = client.chat().completions().create(params("local"));
        String text = completion.choices().get(0).message().content().orElseThrow();
        assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
        assertThat(completion.choices().get(0).finishReason()).isNotNull();

        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params("local"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(streamed::append)));
        }
        assertThat(streamed.toString()).isEqualTo(text);
    }

    @Test
    void plainAndStreamedTextCompletionsThroughTheSdk() {
        OpenAIClient client = client();
        CompletionCreateParams params = CompletionCreateParams.builder().model("local").prompt("Once upon a time")
                .maxTokens(10).temperature(0.0).logprobs(2).build();
        Completion completion = client.completions().create(params);
        String text = completion.choices().get(0).text();
        assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
        assertThat(completion.choices().get(0).logprobs().orElseThrow().tokens().orElseThrow()).hasSize(
                (int) completion.usage().orElseThrow().completionTokens());

        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<Completion> stream = client.completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> streamed.append(c.text())));
        }
        assertThat(streamed.toString()).isEqualTo(text);
    }

    @Test
    void anUnknownModelSurfacesAsTheSdksBadRequestWithOurMessage() {
        assertThatThrownBy(() -> client().chat().completions().create(params("gpt-nonexistent")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("model: must be one of auto, local, verify, cloud");
    }
}
