package io.edgerouter.engine.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Chat templates written for the tests, as Jinja text, in the manner of ChatML and Llama 3 Instruct. */
final class TestTemplates {

    static final String CHATML_TEXT = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /** Llama 3's shape: BOS first, header ids around the role, the content trimmed, {@code <|eot_id|>} after it. */
    static final String LLAMA3_TEXT = "{%- for message in messages %}"
            + "{%- set turn = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'"
            + " + message['content'] | trim + '<|eot_id|>' %}"
            + "{%- if loop.first %}{% set turn = bos_token + turn %}{% endif %}{{- turn }}"
            + "{%- endfor %}{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}"
            + "{%- endif %}";

    static final ChatTemplate CHATML = ChatTemplate.of(CHATML_TEXT, "ChatML (test)", SpecialTokens.NONE);
    static final ChatTemplate LLAMA3 = ChatTemplate.of(LLAMA3_TEXT, "Llama 3 (test)",
            new SpecialTokens(Map.of("bos_token", "<|begin_of_text|>", "eos_token", "<|eot_id|>"), List.of(),
                    Set.of()));

    private TestTemplates() {
    }

    /** The template as a rendering function with the generation prompt, as the prompt encoder takes it. */
    static Function<List<ChatMessage>, String> withPrompt(ChatTemplate template) {
        return m -> template.render(m, true);
    }
}
