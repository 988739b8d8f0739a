package io.edgerouter.engine.chat;

import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.TinyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Loading templates the way transformers finds them, and how template problems surface. What the renderings must be
 * is checked against jinja2 in {@link ChatTemplateReferenceTest}; the expected strings here are written out by hand.
 */
class ChatTemplateTest {

    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage("system", "Be brief."),
            new ChatMessage("user", "Hi"));

    private static ChatTemplate template(String text) {
        return ChatTemplate.of(text, "test", SpecialTokens.NONE);
    }

    @Test
    void rendersChatMlWithAndWithoutTheGenerationPrompt() {
        assertThat(TestTemplates.CHATML.render(MESSAGES, true)).isEqualTo(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
        assertThat(TestTemplates.CHATML.render(MESSAGES, false)).isEqualTo(
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
    }

    @Test
    void rendersLlama3WithItsBosToken() {
        assertThat(TestTemplates.LLAMA3.render(MESSAGES, true)).isEqualTo("<|begin_of_text|>"
                + "<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void findsTheEndOfTurnTokenFromTheRenderingAlone() {
        assertThat(TestTemplates.CHATML.endOfTurn()).isEmpty(); // no special tokens known: nothing to recognise
        assertThat(ChatTemplate.of(TestTemplates.CHATML_TEXT, "test", SpecialTokens.NONE,
                List.of("<|im_start|>", "<|im_end|>")).endOfTurn()).contains("<|im_end|>");
        assertThat(TestTemplates.LLAMA3.endOfTurn()).contains("<|eot_id|>");
        ChatTemplate mistral = ChatTemplate.of("{{ bos_token }}{% for m in messages %}{% if m.role == 'user' %}"
                + "[INST] {{ m.content }} [/INST]{% else %}{{ m.content }}{{ eos_token }}{% endif %}{% endfor %}",
                "test", new SpecialTokens(Map.of("bos_token", "<s>", "eos_token", "</s>"), List.of(),
                        java.util.Set.of()));
        assertThat(mistral.endOfTurn()).contains("</s>");
    }

    @Test
    void loadsTheTemplateOfTheGeneratedModel() {
        ChatTemplate template = ChatTemplates.fromModelDirectory(TinyFixture.pair().target()).orElseThrow();
        assertThat(template.source()).endsWith("tokenizer_config.json (chat_template)");
        assertThat(template.render(MESSAGES, true)).isEqualTo(TestTemplates.CHATML.render(MESSAGES, true));
        assertThat(template.specialTokens().variables()).containsEntry("eos_token", "<|im_end|>")
                .doesNotContainKey("bos_token"); // null in the file: left out, as transformers leaves it out
        assertThat(template.endOfTurn()).contains("<|im_end|>");
    }

    @Test
    void aChatTemplateJinjaFileTakesPrecedenceOverTokenizerConfig(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"from the config\","
                + " \"eos_token\": {\"content\": \"<eos>\", \"lstrip\": false}}");
        assertThat(ChatTemplates.fromModelDirectory(dir).orElseThrow().render(MESSAGES, true))
                .isEqualTo("from the config");
        Files.writeString(dir.resolve("chat_template.jinja"), "from the file {{ eos_token }}\n");
        ChatTemplate template = ChatTemplates.fromModelDirectory(dir).orElseThrow();
        assertThat(template.source()).endsWith("chat_template.jinja");
        assertThat(template.render(MESSAGES, true)).as("one trailing newline dropped, as Jinja does")
                .isEqualTo("from the file <eos>");
    }

    @Test
    void usesTheTemplateNamedDefaultFromAList(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": [{\"name\": \"tool_use\","
                + " \"template\": \"tools\"}, {\"name\": \"default\", \"template\": \"plain\"}]}");
        assertThat(ChatTemplates.fromModelDirectory(dir).orElseThrow().render(MESSAGES, true)).isEqualTo("plain");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": [{\"name\": \"rag\","
                + " \"template\": \"x\"}]}");
        assertThatThrownBy(() -> ChatTemplates.fromModelDirectory(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("none named 'default'");
    }

    @Test
    void aModelWithoutATemplateHasNone(@TempDir Path dir) throws IOException {
        assertThat(ChatTemplates.fromModelDirectory(dir)).isEmpty();
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"chat_template\": null}");
        assertThat(ChatTemplates.fromModelDirectory(dir)).isEmpty();
    }

    @Test
    void aTemplateThatDoesNotParseFailsLoadingNamingItsFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("chat_template.jinja"), "{% for m in messages %}\n{{ m.content }}");
        assertThatThrownBy(() -> ChatTemplates.fromModelDirectory(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("chat_template.jinja").hasMessageContaining("does not parse");
        // a bad expression in a branch no render takes is still found
        Files.writeString(dir.resolve("chat_template.jinja"),
                "{{ 'a' }}\n\n{% if false %}{{ messages[0]['role' }}{% endif %}");
        assertThatThrownBy(() -> ChatTemplates.fromModelDirectory(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("line 3");
        Files.writeString(dir.resolve("chat_template.jinja"), "{% frobnicate %}");
        assertThatThrownBy(() -> ChatTemplates.fromModelDirectory(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("frobnicate");
    }

    @Test
    void raiseExceptionIsAnInvalidRequestWithTheTemplatesOwnMessage() {
        ChatTemplate gemmaLike = template("{% if messages[0]['role'] == 'system' %}"
                + "{{ raise_exception('System role not supported') }}{% endif %}ok");
        assertThatThrownBy(() -> gemmaLike.render(MESSAGES, true)).isInstanceOf(InvalidRequestException.class)
                .isInstanceOfSatisfying(ChatTemplateException.class, e -> assertThat(e.raisedByTemplate()).isTrue())
                .hasMessage("System role not supported");
        assertThat(gemmaLike.render(MESSAGES.subList(1, 2), true)).isEqualTo("ok");
    }

    @Test
    void failuresPythonWouldRaiseAreNotRenderedAsTextNamingTheLine() {
        for (String text : new String[] {
            "{{ '<|user|>' + messages[0].nothing }}", // Jinjava would print "<|user|>null"
            "{{ messages[0].content.length() }}", // a Java method, not a Python one
            "\n{{ messages.append(1) }}", // the sandbox is immutable
            "{{ messages[0].content[::0] }}"}) {
            assertThatThrownBy(() -> template(text).render(MESSAGES, true)).as(text)
                    .isInstanceOfSatisfying(ChatTemplateException.class,
                            e -> assertThat(e.raisedByTemplate()).isFalse())
                    .hasMessageContaining("chat template test failed at line");
        }
        assertThatThrownBy(() -> template("\n{{ messages.append(1) }}").render(MESSAGES, true))
                .hasMessageContaining("line 2").hasMessageContaining("unsafe");
    }

    @Test
    void messageContentIsTextNeverTemplateSyntax() {
        ChatTemplate t = template("{% for m in messages %}[{{ m.content }}]{% if m.content %}+{% endif %}{% endfor %}");
        List<ChatMessage> tricky = List.of(new ChatMessage("user", "{{ 7 * 7 }}{% if true %}x{% endif %}"),
                new ChatMessage("user", "false"), new ChatMessage("user", ""));
        assertThat(t.render(tricky, true)).isEqualTo("[{{ 7 * 7 }}{% if true %}x{% endif %}]+[false]+[]");
    }

    @Test
    void strftimeNowFormatsTheGivenDateAndToolsAreNoneUnlessGiven() {
        ChatTemplate t = template("{{ strftime_now('%d %b %Y|%Y-%m-%d|%A %-d %B') }}|{{ tools is defined }}"
                + "|{{ tools is none }}|{% if tools %}{{ tools[0].function.name }}{% endif %}");
        ChatOptions options = ChatOptions.DEFAULT.withDate(LocalDate.of(2024, 7, 5));
        assertThat(t.render(MESSAGES, options)).isEqualTo("05 Jul 2024|2024-07-05|Friday 5 July|True|True|");
        assertThat(t.render(MESSAGES, options.withToolsJson("[{\"function\": {\"name\": \"now\"}}]")))
                .endsWith("|True|False|now");
        assertThatThrownBy(() -> options.withToolsJson("{\"not\": \"a list\"}"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("JSON array");
    }

    @Test
    void rejectsAnUnknownRole() {
        assertThatThrownBy(() -> new ChatMessage("tool", "x")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got tool");
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
