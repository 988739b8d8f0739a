package io.edgerouter.engine.quant;

import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.model.CausalLm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class QuantizeCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return QuantizeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void quantizesTheTinyTargetAndPrintsOneSummaryLine() {
        Path target = dir.resolve("int4");
        int code = run("--in", TinyFixture.pair().target().toString(), "--out", target.toString(), "--bits", "4");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line.lines()).hasSize(1);
        assertThat(line).matches("tensors_quantized=24 nodes_converted=25 nodes_kept_fp32=0 weight_bytes_before=\\d+"
                + " weight_bytes_after=\\d+ bytes_before=\\d+ bytes_after=\\d+ seconds=\\d+\\.\\d{3}\\R");
        try (CausalLm model = CausalLm.load(target, 1)) {
            assertThat(model.vocabSize()).isEqualTo(259);
        }
    }

    @Test
    void badArgumentsPrintTheUsageOnStderrAndExitWith2() {
        for (String[] args : new String[][] {{"--in", "a", "--out", "b"}, {"--in", "a", "--out", "b", "--bits", "3"},
                {"--in", "a", "--out", "b", "--bits", "4", "--block-size", "24"}, {"--bogus", "1"},
                {"--in", "a", "--out", "b", "--bits", "four"}, {"--in"}, {"--in", "a", "--out", "b", "--bits", "8",
                "--accuracy-level", "2"}, {"--in", "a", "--out", "b", "--bits", "8", "--scheme", "nf4"}}) {
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(QuantizeCommand.USAGE);
        }
        assertThat(out.size()).isZero();
    }

    @Test
    void aDirectoryWithoutAModelExitsWith1NamingIt() {
        assertThat(run("--in", dir.resolve("empty").toString(), "--out", dir.resolve("o").toString(), "--bits", "8"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing model.onnx").contains("empty");
    }

    @Test
    void theMainEntryPointExitsWith2OnBadArgumentsInItsOwnProcess() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), QuantizeCommand.class.getName(), "--bits", "4")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(output).contains(QuantizeCommand.USAGE);
    }
}
