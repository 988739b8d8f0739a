package io.edgerouter.engine.spec;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.Prompts;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.chat.ChatMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeculativeDecodingTest {

    private static LocalEngine engine;

    @BeforeAll
    static void open() {
        engine = TinyFixture.engine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void greedyWithEitherDrafterEqualsVanillaGreedyTokenForTokenOnFiftyPrompts() {
        long drafted = 0;
        long accepted = 0;
        long pldAccepted = 0;
        List<List<ChatMessage>> prompts = Prompts.grounded(50, 12, 11);
        try (Conversation vanilla = engine.newConversation(); Conversation draft = engine.newConversation();
             Conversation lookup = engine.newConversation()) {
            for (List<ChatMessage> prompt : prompts) {
                int[] ids = engine.chatPrompt(prompt);
                GenerationResult expected = vanilla.generate(GenerationRequest.of(ids, 24, Decoding.VANILLA));
                GenerationResult bySpec = draft.generate(GenerationRequest.of(ids, 24, Decoding.DRAFT_MODEL));
                GenerationResult byLookup = lookup.generate(GenerationRequest.of(ids, 24, Decoding.PROMPT_LOOKUP));
                assertThat(bySpec.tokens()).as("draft model on %s", prompt).containsExactly(expected.tokens());
                assertThat(byLookup.tokens()).as("prompt lookup on %s", prompt).containsExactly(expected.tokens());
                drafted += bySpec.drafted();
                accepted += bySpec.accepted();
                pldAccepted += byLookup.accepted();
            }
        }
        // speculation was really exercised: drafts were proposed and many accepted
        assertThat(drafted).isGreaterThan(200);
        assertThat((double) accepted / drafted).isGreaterThan(0.3);
        assertThat(pldAccepted).isGreaterThan(50);
    }

    @Test
    void speculativeRoundsNeedFewerTargetPassesThanTokens() {
        int[] ids = engine.chatPrompt(Prompts.grounded(1, 20, 3).get(0));
        try (Conversation conversation = engine.newConversation()) {
            GenerationResult r = conversation.generate(GenerationRequest.of(ids, 40, Decoding.DRAFT_MODEL));
            assertThat(r.rounds()).isLessThan(r.tokens().length);
            assertThat(r.tokensPerRound()).isGreaterThan(1.2);
        }
    }

    @Test
    void rejectsNonPositiveDraftLength() {
        int[] ids = {1, 2, 3};
        assertThatThrownBy(() -> GenerationRequest.of(ids, 5, Decoding.DRAFT_MODEL).withDraftLength(0, 4))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("minDraft=0");
        assertThatThrownBy(() -> new DraftLengthController(-1, 4, 2))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("k must be > 0");
    }
}
