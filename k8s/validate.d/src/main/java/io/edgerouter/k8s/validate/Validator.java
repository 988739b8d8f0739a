package io.edgerouter.k8s.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Validates every YAML document under a root, and the build of every top-level kustomization. */
final class Validator {

    /** What a run found: the documents read and the problems. */
    record Result(int manifests, List<Problem> problems) {
    }

    private final ManifestReader reader;
    private final Path root;
    private final Optional<Kubectl> kubectl;

    Validator(Path root, Optional<Kubectl> kubectl) {
        this.kubectl = kubectl;
        this.root = root.toAbsolutePath().normalize();
        this.reader = new ManifestReader(StrictMapper.create(), this.root);
    }

    /** @param skip directory under the root that is not part of the manifests (the validator itself) */
    Result run(Path skip) {
        List<Problem> problems = new ArrayList<>();
        Map<Path, List<Manifest>> files = new TreeMap<>();
        for (Path file : yamlFiles(skip)) {
            files.put(file, reader.read(file, problems));
        }
        for (List<Manifest> docs : files.values()) {
            for (Manifest m : docs) {
                if (m.name().isEmpty() && !m.kind().equals("Kustomization")) {
                    problems.add(new Problem(m.where(), "metadata.name", "missing"));
                }
            }
        }
        KustomizeTree tree = new KustomizeTree(root, files, reader, problems);
        List<Path> dirs = KustomizeTree.kustomizationDirs(files);
        for (Path dir : dirs) {
            tree.build(dir);
        }
        Set<Path> included = Set.copyOf(tree.referenced());
        for (Path dir : dirs) {
            if (!includedByOther(dir, dirs, files)) {
                String build = dir.equals(root) ? "." : root.relativize(dir).toString();
                List<Manifest> resources = new KustomizeTree(root, files, reader, new ArrayList<>()).build(dir);
                if (kubectl.isPresent()) {
                    resources = realBuild(dir, build, resources, problems);
                }
                WorkloadRules.check(build, resources, problems);
                SelectorRules.check(build, resources, problems);
                StrimziRules.check(build, resources, problems);
                KafkaAccessRules.check(build, resources, problems);
                GatewayStreamsRules.check(build, resources, problems);
            }
        }
        for (Path file : files.keySet()) {
            if (!included.contains(file)) {
                problems.add(new Problem(root.relativize(file).toString(), "",
                        "not used by any kustomization.yaml: unvalidated by any build, and never deployed"));
            }
        }
        int count = files.values().stream().mapToInt(List::size).sum();
        return new Result(count, problems);
    }

    /**
     * The output of the real kustomize, each document validated strictly, and compared with what
     * {@link KustomizeTree} made of the same kustomization: a difference means the emulation is wrong.
     */
    private List<Manifest> realBuild(Path dir, String build, List<Manifest> emulated, List<Problem> problems) {
        Kubectl.Build out = kubectl.get().kustomize(dir);
        if (!out.ok()) {
            // kubectl prefixes its log header ('E1123 12:00:00.000 run.go:72] "command failed" err=').
            String error = out.output().replaceFirst("(?s)^E\\d{4} [^\\]]*\\] \"command failed\" err=", "")
                    .replaceAll("\\s+", " ").strip();
            problems.add(new Problem(build, "", "kustomize failed: "
                    + (error.length() > 400 ? error.substring(0, 400) + "..." : error)));
            return emulated;
        }
        List<Manifest> real = reader.read(out.output(), Path.of(build + ": kustomize output"), problems);
        Set<String> realIds = new TreeSet<>();
        real.forEach(m -> realIds.add(m.id()));
        Set<String> emulatedIds = new TreeSet<>();
        emulated.forEach(m -> emulatedIds.add(m.id()));
        if (!realIds.equals(emulatedIds)) {
            problems.add(new Problem(build, "", "kustomize built " + realIds + " but the validator's own build has " + emulatedIds));
        }
        return real;
    }

    /** Top-level builds are those no other kustomization includes: the overlays. */
    private static boolean includedByOther(Path dir, List<Path> dirs, Map<Path, List<Manifest>> files) {
        for (Path other : dirs) {
            List<Manifest> docs = files.get(other.resolve("kustomization.yaml"));
            if (docs != null && !docs.isEmpty() && docs.get(0).model() instanceof Kustomization k) {
                for (String entry : k.resources()) {
                    if (other.resolve(entry).normalize().equals(dir)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<Path> yamlFiles(Path skip) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(ManifestReader::isYaml)
                    .filter(f -> skip == null || !f.startsWith(skip.toAbsolutePath().normalize()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
