package io.edgerouter.k8s.validate;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kustomize build}, through {@code kubectl kustomize}, when kubectl is on the PATH
 * (it needs no cluster). Without it the validator relies on its own {@link KustomizeTree}.
 */
final class Kubectl {

    /** What {@code kubectl kustomize} printed: the build on success, the error otherwise. */
    record Build(boolean ok, String output) {
    }

    private final Path executable;

    private Kubectl(Path executable) {
        this.executable = executable;
    }

    static Optional<Kubectl> find() {
        if (Boolean.getBoolean("validate.no-kubectl")) {
            return Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Kubectl(candidate));
            }
        }
        return Optional.empty();
    }

    Build kustomize(Path dir) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            try {
                Process p = new ProcessBuilder(executable.toString(), "kustomize", dir.toString())
                        .redirectErrorStream(false).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.PIPE).start();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Build(false, "kubectl kustomize took longer than 60 s");
                }
                return p.exitValue() == 0 ? new Build(true, Files.readString(out)) : new Build(false, err);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Build(false, "cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Build(false, "interrupted");
        }
    }
}
