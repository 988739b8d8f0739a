package io.edgerouter.engine;

import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.ModelVerifier;
import io.edgerouter.engine.spec.VerifyResult;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API an app uses: generate the embedded tiny pair, chat, verify from another session, from several threads. */
class LocalEngineTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheTinyPairAnswersAChatAndAnotherSessionVerifiesTheAnswer() {
        TinyModels.Pair pair = TinyModels.generate(dir, TinyModelSpec.small());
        List<ChatMessage> messages = List.of(new ChatMessage("user", "Summarise: the edge router sends hard"
                + " queries to the cloud while simple ones stay on the device."));
        try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), pair.draft()))) {
            GenerationResult answer = engine.chat(messages, 24);
            assertThat(answer.tokens()).isNotEmpty();
            assertThat(answer.text()).isNotBlank();
            assertThat(answer.drafted()).as("decoded speculatively with the draft model").isPositive();
            int[] prompt = engine.chatPrompt(messages);
            try (ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy())) {
                VerifyResult r = verifier.verify(prompt, answer.tokens(), null);
                assertThat(r.accepted()).as("the target accepts its own greedy answer")
                        .isEqualTo(answer.tokens().length);
                if (answer.finishReason() == FinishReason.STOP_TOKEN) {
                    assertThat(engine.stopTokenIds()).contains(r.nextToken());
                }
                int[] committed = Arrays.copyOf(prompt, prompt.length + answer.tokens().length + 1);
                System.arraycopy(answer.tokens(), 0, committed, prompt.length, answer.tokens().length);
                committed[committed.length - 1] = r.nextToken();
                assertThat(verifier.context()).containsExactly(committed);
            }
        }
    }

    @Test
    void closedVerifiersAndEnginesRejectFurtherUseNamingTheProblem() {
        LocalEngine engine = TinyFixture.engine();
        ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy());
        verifier.close();
        verifier.close(); // harmless
        assertThatThrownBy(() -> verifier.verify(new int[] {1, 2, 3}, new int[] {4}, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("session is closed");
        engine.close();
        engine.close(); // harmless
        assertThatThrownBy(engine::newConversation).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void conversationsAndVerifiersOnSeveralThreadsMatchSequentialResults() throws Exception {
        try (LocalEngine engine = TinyFixture.engine()) {
            List<int[]> prompts = new ArrayList<>();
            for (List<ChatMessage> p : Prompts.grounded(6, 10, 57)) {
                prompts.add(engine.chatPrompt(p));
            }
            List<int[]> sequential = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                sequential.add(work(engine, prompts.get(i), i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                for (int repeat = 0; repeat < 2; repeat++) {
                    List<Future<int[]>> futures = new ArrayList<>();
                    for (int i = 0; i < prompts.size(); i++) {
                        int[] prompt = prompts.get(i);
                        int index = i;
                        futures.add(pool.submit(() -> work(engine, prompt, index)));
                    }
                    for (int i = 0; i < prompts.size(); i++) {
                        assertThat(futures.get(i).get()).as("prompt %d", i).containsExactly(sequential.get(i));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Generates 16 tokens, then replays them through a verifier in rounds of 4 with one corrupted draft token. */
    private static int[] work(LocalEngine engine, int[] prompt, int index) {
        Decoding decoding = Decoding.values()[index % Decoding.values().length];
        int[] tokens;
        try (Conversation c = engine.newConversation()) {
            tokens = c.generate(GenerationRequest.of(prompt, 16, decoding)).tokens();
        }
        List<Integer> out = new ArrayList<>();
        try (ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy())) {
            int[] context = prompt;
            for (int at = 0; at + 4 <= tokens.length; at += 4) {
                int[] draft = Arrays.copyOfRange(tokens, at, at + 4);
                draft[3] = (draft[3] + 1) % 256;
                VerifyResult r = verifier.verify(context, draft, null);
                out.add(r.accepted());
                out.add(r.nextToken());
                context = verifier.context();
            }
        }
        int[] result = Arrays.copyOf(tokens, tokens.length + out.size());
        for (int i = 0; i < out.size(); i++) {
            result[tokens.length + i] = out.get(i);
        }
        return result;
    }
}
