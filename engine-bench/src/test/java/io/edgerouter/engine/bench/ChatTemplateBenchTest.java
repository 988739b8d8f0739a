package io.edgerouter.engine.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** bench/chat-template's logic: its last line, its exit codes. */
class ChatTemplateBenchTest {

    /** Phi-3's tokenizer folder in ../shared beside the clone (Maven runs the tests in the module folder). */
    private static final Path PHI3 = Path.of("../../shared/data/models/tokenizers/phi-3-mini-4k-instruct")
            .toAbsolutePath().normalize();

    private record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ChatTemplateBench.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path messages(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve("messages.json"), json);
    }

    @Test
    void printsPhi3sRenderingAndHuggingFacesIds(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PHI3), "skipped: " + PHI3 + " is absent (real tokenizers live in"
                + " ../shared beside the clone, not in the repository; CI always has it)");
        Path file = messages(tmp, "[{\"role\": \"system\", \"content\": \"System message\"},"
                + " {\"role\": \"user\", \"content\": \"Hello, can you call some tools for me?\"},"
                + " {\"role\": \"assistant\", \"content\": \"Sure, I can calculate the sum for you!\"}]");
        Run r = run("--tokenizer-dir", PHI3.toString(), "--messages", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // text and ids from Hugging Face's Python output (see ../shared/data/models/README.md)
        assertThat(r.lastLine()).isEqualTo("text=\"<|system|>\\nSystem message<|end|>\\n<|user|>\\nHello, can you call"
                + " some tools for me?<|end|>\\n<|assistant|>\\nSure, I can calculate the sum for you!<|end|>\\n"
                + "<|assistant|>\\n\" ids=32006,2184,2643,32007,32010,15043,29892,508,366,1246,777,8492,363,592,29973,"
                + "32007,32001,18585,29892,306,508,8147,278,2533,363,366,29991,32007,32001");
    }

    @Test
    void aTemplateThatRefusesTheMessagesPrintsItsMessageAndExits3(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("tokenizer_config.json"), "{\"chat_template\": \"{% if messages[0].role =="
                + " 'system' %}{{ raise_exception('System role not supported') }}{% endif %}ok\"}");
        Run r = run("--tokenizer-dir", tmp.toString(), "--messages",
                messages(tmp, "[{\"role\": \"system\", \"content\": \"x\"}]").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.lastLine()).isEqualTo("error=\"System role not supported\"");
        Run ok = run("--tokenizer-dir", tmp.toString(), "--messages",
                messages(tmp, "[{\"role\": \"user\", \"content\": \"x\"}]").toString(), "--no-generation-prompt");
        assertThat(ok.code()).isZero();
        assertThat(ok.lastLine()).isEqualTo("text=\"ok\" ids=");
    }

    @Test
    void aTemplateThatDoesNotParseIsATemplateError(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("chat_template.jinja"), "{% for m in messages %}");
        Run r = run("--tokenizer-dir", tmp.toString(), "--messages",
                messages(tmp, "[{\"role\": \"user\", \"content\": \"x\"}]").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.lastLine()).startsWith("error=\"chat template in ").contains("does not parse");
    }

    @Test
    void usesTheDateAndTheTranscriptWithoutATemplate(@TempDir Path tmp) throws IOException {
        Path file = messages(tmp, "[{\"role\": \"user\", \"content\": \"Tell me a story.\"}]");
        assertThat(run("--tokenizer-dir", tmp.toString(), "--messages", file.toString()).lastLine())
                .isEqualTo("text=\"User: Tell me a story.\\nAssistant:\" ids=");
        Files.writeString(tmp.resolve("chat_template.jinja"), "{{ strftime_now('%d %b %Y') }}");
        assertThat(run("--tokenizer-dir", tmp.toString(), "--messages", file.toString(), "--date", "2024-07-26")
                .lastLine()).isEqualTo("text=\"26 Jul 2024\" ids=");
    }

    @Test
    void badArgumentsExit2WithAMessage(@TempDir Path tmp) throws IOException {
        Path file = messages(tmp, "[{\"role\": \"user\", \"content\": \"x\"}]");
        assertThat(run("--messages", file.toString()).code()).isEqualTo(2);
        Run r = run("--tokenizer-dir", tmp.toString(), "--messages", file.toString(), "--date", "July");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--date must be YYYY-MM-DD");
        assertThat(run("--tokenizer-dir", tmp.toString(), "--messages", messages(tmp, "{}").toString()).code())
                .isEqualTo(2);
        assertThat(run("--tokenizer-dir", tmp.toString(), "--messages",
                messages(tmp, "[{\"role\": \"tool\", \"content\": \"x\"}]").toString()).err()).contains("got tool");
        assertThat(run("--tokenizer-dir", tmp.resolve("absent").toString(), "--messages", file.toString()).code())
                .isEqualTo(2);
        assertThat(run("--frobnicate").err()).contains("unknown argument '--frobnicate'");
    }
}
