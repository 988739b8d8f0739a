package io.edgerouter.gateway.verify;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code mode: sample} with temperature, top_p and top_k, through the HTTP API, against plain greedy decoding of the
 * same model loaded separately: the parameters reach the acceptance test, the correction and the continuation.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifySamplingTest {

    private static final String KEY = "test-key-edge-1";

    @Inject
    GatewayModel model;

    private int[] prompt;
    private int[] greedy;

    @BeforeAll
    void decodeGreedilyWithAnIndependentEngine() {
        try (LocalEngine reference = LocalEngine.open(LocalEngine.Options.of(model.targetDir(), null));
             Conversation chat = reference.newConversation()) {
            prompt = reference.chatPrompt(List.of(new ChatMessage("user", "Summarise: the quick brown fox jumps over the lazy dog.")));
            greedy = chat.generate(GenerationRequest.of(prompt, 24, Decoding.VANILLA)
                    .withStops(reference.stopTokenIds(), List.of())).tokens();
        }
        assertThat(greedy.length).as("greedy continuation long enough to draft from").isGreaterThanOrEqualTo(8);
    }

    @Test
    void sampleModeIsReproducibleWithTheSameSeedAndParameters() {
        Map<String, Object> b = sample(withContinue(body(prompt, Arrays.copyOf(greedy, 5)), 8), 9, 1.7, 0.95, 40);

        JsonPath first = verify(b).statusCode(200).extract().jsonPath();
        JsonPath second = verify(b).statusCode(200).extract().jsonPath();

        assertThat(second.getInt("accepted")).isEqualTo(first.getInt("accepted"));
        assertThat(second.getInt("next_token")).isEqualTo(first.getInt("next_token"));
        assertThat(second.getList("continuation_ids")).isEqualTo(first.getList("continuation_ids"));
    }

    @Test
    void topKOfOneInSampleModeIsGreedyForEverySeed() {
        int[] wrong = Arrays.copyOf(greedy, 6);
        wrong[3] = (greedy[3] + 1) % model.vocabSize();
        for (long seed = 1; seed <= 8; seed++) {
            JsonPath right = verify(sample(body(prompt, Arrays.copyOf(greedy, 6)), seed, null, null, 1)).statusCode(200).extract().jsonPath();
            JsonPath corrected = verify(sample(body(prompt, wrong), seed, null, null, 1)).statusCode(200).extract().jsonPath();

            assertThat(right.getInt("accepted")).as("seed %d", seed).isEqualTo(6);
            assertThat(right.getInt("next_token")).as("seed %d bonus", seed).isEqualTo(greedy[6]);
            assertThat(corrected.getInt("accepted")).as("seed %d", seed).isEqualTo(3);
            assertThat(corrected.getInt("next_token")).as("seed %d correction", seed).isEqualTo(greedy[3]);
        }
    }

    @Test
    void aVeryLowTemperatureOrATinyTopPSamplesTheGreedyAnswer() {
        int[] wrong = Arrays.copyOf(greedy, 6);
        wrong[2] = (greedy[2] + 5) % model.vocabSize();
        for (long seed = 1; seed <= 8; seed++) {
            JsonPath cold = verify(sample(body(prompt, wrong), seed, 0.001, null, null)).statusCode(200).extract().jsonPath();
            JsonPath narrow = verify(sample(body(prompt, wrong), seed, null, 1e-9, null)).statusCode(200).extract().jsonPath();

            assertThat(cold.getInt("accepted")).as("seed %d, temperature 0.001", seed).isEqualTo(2);
            assertThat(cold.getInt("next_token")).as("seed %d, temperature 0.001", seed).isEqualTo(greedy[2]);
            assertThat(narrow.getInt("accepted")).as("seed %d, top_p 1e-9", seed).isEqualTo(2);
            assertThat(narrow.getInt("next_token")).as("seed %d, top_p 1e-9", seed).isEqualTo(greedy[2]);
        }
    }

    @Test
    void aHigherTemperatureAcceptsLessOfTheGreedyDraft() {
        int[] draft = Arrays.copyOf(greedy, 8);
        int cold = 0;
        int hot = 0;
        for (long seed = 1; seed <= 24; seed++) {
            cold += verify(sample(body(prompt, draft), seed, 0.3, null, null)).statusCode(200).extract().jsonPath().getInt("accepted");
            hot += verify(sample(body(prompt, draft), seed, 2.0, null, null)).statusCode(200).extract().jsonPath().getInt("accepted");
        }

        assertThat(hot).as("accepted greedy draft tokens over 24 seeds at temperature 2 vs 0.3 (%d)", cold).isLessThan(cold);
    }

    @Test
    void oneShotContinuationSamplesWithTheRoundsParameters() {
        Map<String, Object> greedyLike = sample(withContinue(body(prompt, Arrays.copyOf(greedy, 4)), 8), 3, null, null, 1);
        JsonPath topOne = verify(greedyLike).statusCode(200).extract().jsonPath();
        int end = Math.min(greedy.length, 5 + 8);
        assertThat(topOne.getList("continuation_ids", Integer.class))
                .containsExactlyElementsOf(toList(Arrays.copyOfRange(greedy, 5, end)));

        boolean differs = false;
        for (long seed = 1; seed <= 8 && !differs; seed++) {
            JsonPath hot = verify(sample(withContinue(body(prompt, Arrays.copyOf(greedy, 4)), 8), seed, 2.0, null, null))
                    .statusCode(200).extract().jsonPath();
            List<Integer> emitted = new ArrayList<>(toList(Arrays.copyOf(greedy, hot.getInt("accepted"))));
            emitted.add(hot.getInt("next_token"));
            emitted.addAll(hot.getList("continuation_ids", Integer.class));
            differs = !emitted.equals(toList(Arrays.copyOf(greedy, Math.min(greedy.length, emitted.size()))));
        }
        assertThat(differs).as("temperature 2 gives a non-greedy answer for some seed").isTrue();
    }

    @Test
    void aSamplingParameterInGreedyModeIs400NamingIt() {
        Map<String, Object> b = body(prompt, new int[]{greedy[0]});
        b.put("temperature", 0.7);

        verify(b).statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("temperature"))
                .body("error.message", containsString("mode sample only"));
    }

    @Test
    void temperatureZeroInSampleModeIs400SayingToUseGreedy() {
        verify(sample(body(prompt, new int[]{greedy[0]}), 1, 0.0, null, null)).statusCode(400)
                .body("error.param", equalTo("temperature"))
                .body("error.message", containsString("send mode greedy"));
    }

    @Test
    void topKBeyondTheVocabularyIs400NamingIt() {
        verify(sample(body(prompt, new int[]{greedy[0]}), 1, null, null, model.vocabSize() + 1)).statusCode(400)
                .body("error.param", equalTo("top_k"))
                .body("error.message", containsString("between 0 and " + model.vocabSize()));
    }

    private Map<String, Object> body(int[] context, int[] draft) {
        Map<String, Object> b = new HashMap<>();
        b.put("tokenizer_hash", model.tokenizerHash());
        b.put("context_ids", toList(context));
        b.put("draft_ids", toList(draft));
        b.put("mode", "greedy");
        return b;
    }

    /** Sample mode with a seed and the given parameters (null leaves one out). */
    private static Map<String, Object> sample(Map<String, Object> b, long seed, Double temperature, Double topP, Integer topK) {
        b.put("mode", "sample");
        b.put("seed", seed);
        if (temperature != null) {
            b.put("temperature", temperature);
        }
        if (topP != null) {
            b.put("top_p", topP);
        }
        if (topK != null) {
            b.put("top_k", topK);
        }
        return b;
    }

    private static Map<String, Object> withContinue(Map<String, Object> b, int tokens) {
        b.put("continue_max_tokens", tokens);
        return b;
    }

    private static io.restassured.response.ValidatableResponse verify(Map<String, Object> body) {
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body).when().post("/v1/verify").then();
    }

    private static List<Integer> toList(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }
}
