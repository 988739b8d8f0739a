package io.edgerouter.gateway.verify;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.FinishReason;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The gateway's verify against plain greedy decoding of the same model, loaded separately. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyResourceTest {

    private static final String KEY = "test-key-edge-1";

    @Inject
    GatewayModel model;

    private LocalEngine reference;
    private int[] prompt;
    private int[] greedy;
    private FinishReason greedyFinish;

    @BeforeAll
    void decodeGreedilyWithAnIndependentEngine() {
        reference = LocalEngine.open(LocalEngine.Options.of(model.targetDir(), null));
        prompt = reference.chatPrompt(List.of(new ChatMessage("user", "Summarise: the quick brown fox jumps over the lazy dog.")));
        try (Conversation chat = reference.newConversation()) {
            GenerationResult r = chat.generate(GenerationRequest.of(prompt, 24, Decoding.VANILLA)
                    .withStops(reference.stopTokenIds(), List.of()));
            greedy = r.tokens();
            greedyFinish = r.finishReason();
        }
        assertThat(greedy.length).as("greedy continuation long enough to draft from").isGreaterThanOrEqualTo(8);
    }

    @AfterAll
    void close() {
        reference.close();
    }

    @Test
    void correctDraftIsAcceptedWholeAndTheBonusTokenIsTheGreedyNext() {
        JsonPath r = verify(body(prompt, Arrays.copyOf(greedy, 6))).statusCode(200).extract().jsonPath();

        assertThat(r.getInt("accepted")).isEqualTo(6);
        assertThat(r.getInt("next_token")).isEqualTo(greedy[6]);
        assertThat(r.getList("target_logprobs")).hasSize(7);
    }

    /** A balancer routes on the session header: one that disagrees with the body's session id is refused. */
    @Test
    void aSessionHeaderThatDisagreesWithTheBodyIs400() {
        Map<String, Object> b = body(prompt, Arrays.copyOf(greedy, 2));
        b.put("session_id", "v-header-check");
        given().auth().oauth2(KEY).contentType(ContentType.JSON).header("x-edge-verify-session", "v-other").body(b)
                .when().post("/v1/verify").then().statusCode(400)
                .body("error.param", org.hamcrest.Matchers.equalTo("x-edge-verify-session"));
        given().auth().oauth2(KEY).contentType(ContentType.JSON).header("x-edge-verify-session", "v-header-check").body(b)
                .when().post("/v1/verify").then().statusCode(200);
        given().auth().oauth2(KEY).when().delete("/v1/verify/sessions/v-header-check").then().statusCode(204);
    }

    @Test
    void firstWrongDraftTokenIsCorrectedToTheGreedyToken() {
        int[] draft = Arrays.copyOf(greedy, 6);
        draft[3] = (greedy[3] + 1) % model.vocabSize();

        JsonPath r = verify(body(prompt, draft)).statusCode(200).extract().jsonPath();

        assertThat(r.getInt("accepted")).isEqualTo(3);
        assertThat(r.getInt("next_token")).isEqualTo(greedy[3]);
    }

    @Test
    void sessionRoundsGiveTheSameResultsAsStatelessRounds() {
        String session = "s-" + UUID.randomUUID();
        int[] context = prompt;
        int[] agreed = prompt;
        int position = 0;
        for (int round = 0; round < 3; round++) {
            int[] draft = Arrays.copyOfRange(greedy, position, position + 2);
            if (round == 1) {
                draft[1] = (draft[1] + 7) % model.vocabSize(); // one wrong token mid-way
            }
            Map<String, Object> stateful = body(null, draft);
            stateful.put("session_id", session);
            if (round == 0) {
                stateful.put("context_ids", toList(context));
            } else {
                stateful.put("context_append_ids", List.of());
            }
            JsonPath viaSession = verify(stateful).statusCode(200).extract().jsonPath();
            JsonPath stateless = verify(body(agreed, draft)).statusCode(200).extract().jsonPath();

            assertThat(viaSession.getInt("accepted")).as("round %d accepted", round).isEqualTo(stateless.getInt("accepted"));
            assertThat(viaSession.getInt("next_token")).as("round %d next", round).isEqualTo(stateless.getInt("next_token"));
            assertThat(viaSession.getString("session_id")).isEqualTo(session);
            int accepted = viaSession.getInt("accepted");
            position += accepted + 1;
            agreed = Arrays.copyOf(prompt, prompt.length + position);
            System.arraycopy(greedy, 0, agreed, prompt.length, position);
            assertThat(viaSession.getInt("next_token")).isEqualTo(greedy[position - 1]);
        }
        given().auth().oauth2(KEY).when().delete("/v1/verify/sessions/" + session).then().statusCode(204);
        given().auth().oauth2(KEY).when().delete("/v1/verify/sessions/" + session).then().statusCode(404);
    }

    @Test
    void concurrentSessionsDoNotDisturbEachOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> runs = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                String session = "c" + s + "-" + UUID.randomUUID();
                runs.add(pool.submit(() -> sessionOfCorrectDrafts(session)));
            }
            for (Future<List<Integer>> run : runs) {
                assertThat(run.get()).containsExactly(greedy[1], greedy[3], greedy[5]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Integer> sessionOfCorrectDrafts(String session) {
        List<Integer> next = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Map<String, Object> b = body(null, new int[]{greedy[2 * round]});
            b.put("session_id", session);
            if (round == 0) {
                b.put("context_ids", toList(prompt));
            }
            else {
                b.put("context_append_ids", List.of());
            }
            JsonPath r = verify(b).statusCode(200).extract().jsonPath();
            next.add(r.getInt("next_token"));
        }
        return next;
    }

    @Test
    void oneShotModeFinishesTheAnswerLikeGreedyDecoding() {
        JsonPath r = verify(withContinue(body(prompt, Arrays.copyOf(greedy, 4)), 8)).statusCode(200).extract().jsonPath();

        assertThat(r.getInt("accepted")).isEqualTo(4);
        assertThat(r.getInt("next_token")).isEqualTo(greedy[4]);
        int end = Math.min(greedy.length, 5 + 8);
        assertThat(r.getList("continuation_ids", Integer.class)).containsExactlyElementsOf(toList(Arrays.copyOfRange(greedy, 5, end)));
        boolean stoppedWithin = greedyFinish == FinishReason.STOP_TOKEN && greedy.length <= 5 + 8;
        assertThat(r.getString("finish_reason")).isEqualTo(stoppedWithin ? "stop" : "length");
    }

    @Test
    void sampleModeIsReproducibleWithASeed() {
        Map<String, Object> b = body(prompt, Arrays.copyOf(greedy, 5));
        b.put("mode", "sample");
        b.put("seed", 42);
        b.put("draft_logprobs", List.of(-0.1, -0.2, -0.3, -0.4, -0.5));

        JsonPath first = verify(b).statusCode(200).extract().jsonPath();
        JsonPath second = verify(b).statusCode(200).extract().jsonPath();

        assertThat(second.getInt("accepted")).isEqualTo(first.getInt("accepted"));
        assertThat(second.getInt("next_token")).isEqualTo(first.getInt("next_token"));
    }

    @Test
    void tokenizerMismatchIs409() {
        Map<String, Object> b = body(prompt, new int[]{greedy[0]});
        b.put("tokenizer_hash", "sha256:0000");

        verify(b).statusCode(409)
                .body("error.code", equalTo("tokenizer_mismatch"))
                .body("error.param", equalTo("tokenizer_hash"));
    }

    @Test
    void tokenOutsideTheVocabularyIs400NamingTheField() {
        verify(body(prompt, new int[]{greedy[0], 1_000_000})).statusCode(400)
                .body("error.param", equalTo("draft_ids[1]"))
                .body("error.message", containsString("[0, " + model.vocabSize() + ")"));
    }

    @Test
    void missingContextIs400NamingTheField() {
        verify(body(null, new int[]{1})).statusCode(400).body("error.param", equalTo("context_ids"));
    }

    @Test
    void unknownSessionWithOnlyAppendedTokensIs404() {
        Map<String, Object> b = body(null, new int[]{greedy[0]});
        b.put("session_id", "never-started");
        b.put("context_append_ids", List.of(1, 2));

        verify(b).statusCode(404).body("error.code", equalTo("session_not_found"));
    }

    @Test
    void modelsListTheTokenizerHashAgentsMustSend() {
        given().auth().oauth2(KEY).when().get("/v1/models").then().statusCode(200)
                .body("data[0].tokenizer_hash", equalTo(model.tokenizerHash()))
                .body("data[0].vocab_size", equalTo(model.vocabSize()));
        assertThat(model.tokenizerHash()).startsWith("sha256:").hasSize(7 + 64);
    }

    private Map<String, Object> body(int[] context, int[] draft) {
        Map<String, Object> b = new HashMap<>();
        b.put("tokenizer_hash", model.tokenizerHash());
        if (context != null) {
            b.put("context_ids", toList(context));
        }
        b.put("draft_ids", toList(draft));
        b.put("mode", "greedy");
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
