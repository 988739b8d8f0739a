package io.edgerouter.engine.chat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.SharedModels;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every chat template of {@code ../shared/data/models/tokenizers/} (skipped without it) and of
 * {@code src/test/resources/chat-templates/own/} (templates written for these tests), rendered by the engine over the
 * cases of {@code cases.json}, must equal what Python's jinja2 rendered the way Hugging Face's apply_chat_template
 * does ({@code expected.json}, made by {@code render_reference.py}; its docstring has the command), character for
 * character, or fail as it did: with the template's own message for {@code raise_exception}.
 */
class ChatTemplateReferenceTest {

    private static JsonObject cases;
    private static JsonObject expected;

    @BeforeAll
    static void read() {
        cases = json("/chat-templates/cases.json");
        expected = json("/chat-templates/expected.json");
    }

    static Stream<String> templates() {
        List<String> ids = new ArrayList<>();
        json("/chat-templates/expected.json").getAsJsonArray("templates")
                .forEach(t -> ids.add(t.getAsJsonObject().get("template").getAsString()));
        return ids.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void rendersEveryCaseAsJinja2Does(String id) throws URISyntaxException {
        JsonObject about = templateEntry(id);
        Path dir = directory(id);
        if (about.get("file").isJsonNull()) {
            assertThat(ChatTemplates.fromModelDirectory(dir)).as("%s has no chat template", id).isEmpty();
            return;
        }
        ChatTemplate template = ChatTemplates.fromModelDirectory(dir).orElseThrow();
        assertThat(template.source()).contains(about.get("file").getAsString());
        assertThat(template.specialTokens().variables()).isEqualTo(JsonValues.toJava(about.get("special_tokens")));

        Map<String, JsonObject> byName = new HashMap<>();
        cases.getAsJsonArray("cases").forEach(c -> byName.put(c.getAsJsonObject().get("name").getAsString(),
                c.getAsJsonObject()));
        LocalDate date = LocalDate.parse(cases.get("date").getAsString());
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (JsonElement e : expected.getAsJsonArray("results")) {
            JsonObject result = e.getAsJsonObject();
            if (!result.get("template").getAsString().equals(id)) {
                continue;
            }
            JsonObject input = byName.get(result.get("case").getAsString());
            boolean prompt = result.get("add_generation_prompt").getAsBoolean();
            ChatOptions options = ChatOptions.DEFAULT.withGenerationPrompt(prompt).withDate(date);
            if (input.has("tools") && input.get("tools").getAsBoolean()) {
                options = options.withToolsJson(cases.get("tools").toString());
            }
            String what = id + " / " + result.get("case").getAsString() + " / add_generation_prompt=" + prompt;
            check(softly, what, template, messages(input.getAsJsonArray("messages")), options, result);
            checked++;
        }
        softly.assertAll();
        assertThat(checked).as("cases rendered for %s", id).isEqualTo(2 * byName.size());
    }

    private static void check(SoftAssertions softly, String what, ChatTemplate template, List<ChatMessage> messages,
                              ChatOptions options, JsonObject result) {
        String rendered;
        try {
            rendered = template.render(messages, options);
        } catch (ChatTemplateException e) {
            if (!result.has("error")) {
                softly.fail(what + ": jinja2 rendered it, the engine failed: " + e.getMessage());
            } else if (result.get("kind").getAsString().equals("raise_exception")) {
                softly.assertThat(e.raisedByTemplate()).as(what + " raised by the template").isTrue();
                softly.assertThat(e.getMessage()).as(what + " message").isEqualTo(result.get("error").getAsString());
            }
            return;
        }
        if (result.has("error")) {
            softly.fail(what + ": jinja2 failed with " + result.get("error") + " but the engine rendered\n" + rendered);
            return;
        }
        softly.assertThat(rendered).as(what).isEqualTo(result.get("text").getAsString());
    }

    private static List<ChatMessage> messages(JsonArray array) {
        List<ChatMessage> out = new ArrayList<>();
        array.forEach(m -> out.add(new ChatMessage(m.getAsJsonObject().get("role").getAsString(),
                m.getAsJsonObject().get("content").getAsString())));
        return out;
    }

    private static JsonObject templateEntry(String id) {
        for (JsonElement t : expected.getAsJsonArray("templates")) {
            if (t.getAsJsonObject().get("template").getAsString().equals(id)) {
                return t.getAsJsonObject();
            }
        }
        throw new AssertionError("no template " + id + " in expected.json");
    }

    /** shared/NAME in ../shared/data/models/tokenizers (skips without it), own/NAME among the test resources. */
    static Path directory(String id) throws URISyntaxException {
        String name = id.substring(id.indexOf('/') + 1);
        if (id.startsWith("shared/")) {
            return SharedModels.dir().resolve("tokenizers").resolve(name);
        }
        return Path.of(ChatTemplateReferenceTest.class.getResource("/chat-templates/own/" + name).toURI());
    }

    static JsonObject json(String resource) {
        try (InputStream in = ChatTemplateReferenceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }
}
