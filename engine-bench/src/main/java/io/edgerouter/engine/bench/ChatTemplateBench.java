package io.edgerouter.engine.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.EngineException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.Transcript;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.chat.ChatOptions;
import io.edgerouter.engine.chat.ChatPromptEncoder;
import io.edgerouter.engine.chat.ChatTemplate;
import io.edgerouter.engine.chat.ChatTemplateException;
import io.edgerouter.engine.chat.ChatTemplateSyntaxException;
import io.edgerouter.engine.chat.ChatTemplates;
import io.edgerouter.engine.chat.EngineTokenizer;
import io.edgerouter.engine.chat.SpecialTokens;
import io.edgerouter.engine.model.ModelConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the engine makes of a conversation for a tokenizer folder: the chat template's rendering (or the base-model
 * transcript when the folder has no template) and, when the folder has a tokenizer.json, the prompt's token ids, with
 * message contents as data as the engine tokenises them.
 * Usage: {@code ChatTemplateBench --tokenizer-dir DIR --messages FILE.json [--no-generation-prompt]
 * [--date YYYY-MM-DD]}. The last line is {@code text=<JSON string> ids=<id,id,...>}, or {@code error=<JSON string>}
 * (exit 3) when the template refuses the messages or does not parse; bad arguments exit 2.
 */
public final class ChatTemplateBench {

    static final int BAD_ARGUMENTS = 2;
    static final int TEMPLATE_ERROR = 3;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String USAGE = "usage: chat-template --tokenizer-dir DIR --messages FILE.json"
            + " [--no-generation-prompt] [--date YYYY-MM-DD]";

    /** The parsed command line. */
    record Args(Path dir, Path messages, ChatOptions options) {
    }

    private ChatTemplateBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with the given arguments; returns the exit code (0, {@value BAD_ARGUMENTS} or {@value TEMPLATE_ERROR}). */
    static int run(String[] argv, PrintStream out, PrintStream err) {
        Args args;
        List<ChatMessage> messages;
        try {
            args = parse(argv);
            messages = readMessages(args.messages());
        } catch (IllegalArgumentException | InvalidRequestException e) {
            err.println("chat-template: " + e.getMessage());
            err.println(USAGE);
            return BAD_ARGUMENTS;
        }
        Optional<ChatTemplate> template;
        Path tokenizerFile = args.dir().resolve("tokenizer.json");
        try (EngineTokenizer tokenizer = Files.isRegularFile(tokenizerFile) ? EngineTokenizer.load(tokenizerFile)
                : null) {
            template = ChatTemplates.fromModelDirectory(args.dir(),
                    tokenizer == null ? List.of() : tokenizer.specialTexts());
            err.println(template.map(t -> "chat-template: template from " + t.source() + ", end of turn "
                    + t.endOfTurn().orElse("(none found)")).orElse("chat-template: no chat template in "
                    + args.dir() + ": the base-model transcript"));
            Function<List<ChatMessage>, String> render = template.<Function<List<ChatMessage>, String>>map(
                    t -> m -> t.render(m, args.options())).orElse(Transcript::render);
            String text = render.apply(messages);
            String ids = tokenizer == null ? "" : ids(tokenizer, template.isEmpty() ? bos(args.dir(), tokenizer) : -1,
                    new ChatPromptEncoder(tokenizer).encode(messages, render));
            out.println("text=" + GSON.toJson(text) + " ids=" + ids);
            return 0;
        } catch (ChatTemplateException | ChatTemplateSyntaxException e) {
            out.println("error=" + GSON.toJson(e.getMessage()));
            return TEMPLATE_ERROR;
        } catch (EngineException e) { // an unreadable folder or tokenizer
            err.println("chat-template: " + e.getMessage());
            return BAD_ARGUMENTS;
        }
    }

    private static String ids(EngineTokenizer tokenizer, int bos, int[] ids) {
        String joined = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return bos < 0 ? joined : joined.isEmpty() ? Integer.toString(bos) : bos + "," + joined;
    }

    /** The BOS id a transcript starts with, as the engine adds it: when tokenizer_config.json says add_bos_token. */
    private static int bos(Path dir, EngineTokenizer tokenizer) {
        Path config = dir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(config)) {
            return -1;
        }
        JsonObject json = ModelConfig.readJson(config);
        boolean add = json.has("add_bos_token") && json.get("add_bos_token").isJsonPrimitive()
                && json.get("add_bos_token").getAsBoolean();
        String text = SpecialTokens.read(dir).named().get("bos_token");
        return add && text != null ? tokenizer.tokenId(text) : -1;
    }

    static Args parse(String[] argv) {
        Path dir = null;
        Path messages = null;
        ChatOptions options = ChatOptions.DEFAULT;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--tokenizer-dir" -> dir = Path.of(value(argv, ++i, "--tokenizer-dir"));
                case "--messages" -> messages = Path.of(value(argv, ++i, "--messages"));
                case "--no-generation-prompt" -> options = options.withGenerationPrompt(false);
                case "--date" -> {
                    String date = value(argv, ++i, "--date");
                    try {
                        options = options.withDate(LocalDate.parse(date));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--date must be YYYY-MM-DD, got '" + date + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + argv[i] + "'");
            }
        }
        if (dir == null || messages == null) {
            throw new IllegalArgumentException("--tokenizer-dir and --messages are required");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--tokenizer-dir " + dir + " is not a directory");
        }
        return new Args(dir, messages, options);
    }

    private static String value(String[] argv, int i, String name) {
        if (i >= argv.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return argv[i];
    }

    /** An OpenAI-style messages array: {@code [{"role": "user", "content": "hi"}]}. */
    static List<ChatMessage> readMessages(Path file) {
        JsonElement json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read --messages " + file + ": " + e.getMessage());
        }
        if (!json.isJsonArray() || json.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("--messages " + file + " must hold a non-empty JSON array of"
                    + " {\"role\", \"content\"} objects");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray()) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has("role") || !e.getAsJsonObject().has("content")
                    || !e.getAsJsonObject().get("content").isJsonPrimitive()) {
                throw new IllegalArgumentException("--messages " + file + ": each message needs a role and a string"
                        + " content, got " + e);
            }
            out.add(new ChatMessage(e.getAsJsonObject().get("role").getAsString(),
                    e.getAsJsonObject().get("content").getAsString()));
        }
        return out;
    }
}
