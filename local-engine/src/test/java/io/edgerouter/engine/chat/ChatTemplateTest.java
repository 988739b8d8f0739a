package io.edgerouter.engine.chat;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.TinyFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatTemplateTest {

    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage("system", "Be brief."),
            new ChatMessage("user", "Hi"));

    @Test
    void rendersChatMlWithTheGenerationPrompt() {
        assertThat(ChatTemplate.CHATML.render(MESSAGES, true)).isEqualTo(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void rendersLlama3() {
        assertThat(ChatTemplate.LLAMA3.render(MESSAGES, true)).isEqualTo("<|begin_of_text|>"
                + "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void recognisesTheTemplateOfTheGeneratedModel() {
        assertThat(ChatTemplate.fromModelDirectory(TinyFixture.pair().target())).isEqualTo(ChatTemplate.CHATML);
        assertThat(ChatTemplate.recognise("{{ '<|start_header_id|>' + message['role'] }}"))
                .isEqualTo(ChatTemplate.LLAMA3);
    }

    @Test
    void rejectsAnUnknownTemplateNamingIt() {
        assertThatThrownBy(() -> ChatTemplate.recognise("{% for m in messages %}[INST] {{ m.content }}"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("unsupported chat template")
                .hasMessageContaining("[INST]");
    }

    @Test
    void rejectsAnUnknownRole() {
        assertThatThrownBy(() -> new ChatMessage("tool", "x")).hasMessageContaining("got tool");
    }

    @Test
    void tokenizerRoundTripsUtf8AndRecognisesSpecialTokensWithoutTruncating() {
        try (EngineTokenizer tokenizer = EngineTokenizer.load(TinyFixture.pair().target())) {
            int[] ids = tokenizer.encode("<|im_start|>user\nHéllo wörld<|im_end|>");
            assertThat(ids[0]).isEqualTo(257);
            assertThat(ids[ids.length - 1]).isEqualTo(258);
            assertThat(tokenizer.decode(ids)).isEqualTo("user\nHéllo wörld");
            assertThat(tokenizer.encode("ab ".repeat(400))).hasSize(1200);
        }
    }
}
