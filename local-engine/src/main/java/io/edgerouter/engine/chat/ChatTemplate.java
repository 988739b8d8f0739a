package io.edgerouter.engine.chat;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.chat.jinja.JinjaException;
import io.edgerouter.engine.chat.jinja.JinjaTemplate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's own chat template (its Jinja {@code chat_template}), rendered as Hugging Face's
 * {@code apply_chat_template} renders it: Python's Jinja in a sandbox with trim_blocks and lstrip_blocks, the globals
 * {@code raise_exception} and {@code strftime_now}, the variables {@code messages}, {@code add_generation_prompt},
 * {@code tools} and {@code documents} (None unless given) and the tokenizer's special tokens ({@link SpecialTokens}).
 * No model family is recognised or special-cased: Phi-3, Gemma, Mistral, DeepSeek, Llama 3.1 and the rest render
 * from their own text. Where templates come from: {@link ChatTemplates}.
 *
 * <p>The Jinja engine is Jinjava (HubSpot's Jinja for Java, maintained and used in production by HubSpot): its syntax
 * is Jinja2's, and it can be locked down (no template loading, read-only values, bounded output). Pebble was the
 * other candidate but its syntax is not Jinja's, and an interpreter of our own is what the engine must not grow. Where
 * Jinjava's behaviour differs from Python's (string methods, slicing, {@code tojson}, True/None, truthiness),
 * {@link io.edgerouter.engine.chat.jinja} restores Python's; the tests compare with renderings made by Python's jinja2.
 *
 * <p>Immutable and thread-safe; parse once, render per request.
 */
public final class ChatTemplate {

    private static final String USER_PROBE = "\uFDD2user-probe\uFDD3";
    private static final String ASSISTANT_PROBE = "\uFDD2assistant-probe\uFDD3";

    private final String text;
    private final String source;
    private final SpecialTokens tokens;
    private final JinjaTemplate jinja;
    private final Optional<String> endOfTurn;

    private ChatTemplate(String text, String source, SpecialTokens tokens, JinjaTemplate jinja,
                         Collection<String> specialTexts) {
        this.text = text;
        this.source = source;
        this.tokens = tokens;
        this.jinja = jinja;
        this.endOfTurn = findEndOfTurn(tokens.texts(specialTexts));
    }

    /**
     * @param text         the Jinja template
     * @param source       where it came from, for messages (a file, or a file and key)
     * @param specialTexts special token texts the tokenizer knows besides {@code tokens} (they may end a turn)
     * @throws ChatTemplateSyntaxException (a {@link ModelLoadException}) naming {@code source} and the line when the
     *                                     template does not parse
     */
    public static ChatTemplate of(String text, String source, SpecialTokens tokens, Collection<String> specialTexts) {
        try {
            return new ChatTemplate(text, source, tokens, JinjaTemplate.parse(text), specialTexts);
        } catch (JinjaException e) {
            throw new ChatTemplateSyntaxException("chat template in " + source + " does not parse: " + e.getMessage(),
                    e);
        }
    }

    public static ChatTemplate of(String text, String source, SpecialTokens tokens) {
        return of(text, source, tokens, List.of());
    }

    /** The Jinja text. */
    public String text() {
        return text;
    }

    /** Where the template came from: a {@code chat_template.jinja} or a {@code tokenizer_config.json}. */
    public String source() {
        return source;
    }

    public SpecialTokens specialTokens() {
        return tokens;
    }

    /**
     * The special token that ends an assistant turn ({@code <|im_end|>}, {@code <|eot_id|>}, {@code <|end|>},
     * {@code <end_of_turn>}, {@code </s>}), found by rendering a user and an assistant message and taking the first
     * special token after the assistant's text; empty when none follows it.
     */
    public Optional<String> endOfTurn() {
        return endOfTurn;
    }

    /** Renders with or without the generation prompt, today's date and no tools. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, ChatOptions.DEFAULT.withGenerationPrompt(addGenerationPrompt));
    }

    /**
     * @throws ChatTemplateException with the template's own message when it calls {@code raise_exception} (Gemma's
     *                               "System role not supported"), else naming the line and the problem
     */
    public String render(List<ChatMessage> messages, ChatOptions options) {
        Map<String, Object> variables = new LinkedHashMap<>(tokens.variables());
        List<Map<String, Object>> list = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", m.role());
            message.put("content", m.content());
            list.add(message);
        }
        variables.put("messages", list);
        variables.put("tools", options.tools());
        variables.put("documents", null);
        variables.put("add_generation_prompt", options.addGenerationPrompt());
        LocalDateTime now = options.fixedDate().map(LocalDate::atStartOfDay).orElseGet(LocalDateTime::now);
        try {
            return jinja.render(variables, now);
        } catch (JinjaException e) {
            throw new ChatTemplateException(e.raisedByTemplate() ? e.getMessage()
                    : "chat template " + source + " failed at " + e.getMessage(), e.raisedByTemplate());
        }
    }

    private Optional<String> findEndOfTurn(Collection<String> specials) {
        String rendered;
        try {
            rendered = render(List.of(new ChatMessage("user", USER_PROBE), new ChatMessage("assistant",
                    ASSISTANT_PROBE)), ChatOptions.DEFAULT.withGenerationPrompt(false).withDate(LocalDate.EPOCH));
        } catch (ChatTemplateException e) {
            return Optional.empty(); // a template that cannot render a plain exchange has no turn end to learn
        }
        int from = rendered.indexOf(ASSISTANT_PROBE);
        if (from < 0) {
            return Optional.empty();
        }
        List<String> longestFirst = specials.stream().filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (int i = from + ASSISTANT_PROBE.length(); i < rendered.length(); i++) {
            for (String special : longestFirst) {
                if (rendered.startsWith(special, i)) {
                    return Optional.of(special);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + source + "]";
    }
}
