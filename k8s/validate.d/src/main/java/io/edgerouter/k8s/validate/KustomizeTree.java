package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offline stand-in for {@code kustomize build}: follows every kustomization's resources, checks that
 * each exists and stays inside kustomize's load restrictions, applies the patches (each must hit a
 * resource) and image overrides, and returns what the build would produce.
 */
final class KustomizeTree {

    private final Path root;
    private final Map<Path, List<Manifest>> files;
    private final ManifestReader reader;
    private final List<Problem> problems;
    private final Set<Path> referenced = new HashSet<>();

    /** @param files every YAML file under the root, by absolute path, already read */
    KustomizeTree(Path root, Map<Path, List<Manifest>> files, ManifestReader reader, List<Problem> problems) {
        this.root = root;
        this.files = files;
        this.reader = reader;
        this.problems = problems;
    }

    /** Files used as a resource or a patch by some kustomization, or themselves a kustomization. */
    Set<Path> referenced() {
        return referenced;
    }

    /** The resources {@code kustomize build dir} would output. */
    List<Manifest> build(Path dir) {
        return build(dir, new ArrayDeque<>());
    }

    private List<Manifest> build(Path dir, Deque<Path> stack) {
        Path file = dir.resolve("kustomization.yaml");
        referenced.add(file);
        Kustomization k = kustomization(file);
        if (k == null) {
            return List.of();
        }
        String where = root.relativize(file).toString();
        if (stack.contains(dir)) {
            problems.add(new Problem(where, "", "kustomizations include each other: " + stack));
            return List.of();
        }
        stack.push(dir);
        List<Manifest> out = new ArrayList<>();
        for (int i = 0; i < k.resources().size(); i++) {
            out.addAll(resource(dir, k.resources().get(i), where, "resources[" + i + "]", stack));
        }
        stack.pop();
        for (int i = 0; i < k.patches().size(); i++) {
            patch(dir, k.patches().get(i), out, where, "patches[" + i + "]");
        }
        for (int i = 0; i < k.images().size(); i++) {
            image(k.images().get(i), out, where, "images[" + i + "]");
        }
        Set<String> ids = new HashSet<>();
        for (Manifest m : out) {
            if (!ids.add(m.id())) {
                problems.add(new Problem(where, "", "the build holds " + m.id() + " twice (again from " + m.where() + ")"));
            }
        }
        return out;
    }

    private Kustomization kustomization(Path file) {
        List<Manifest> docs = files.get(file);
        if (docs == null || docs.size() != 1 || !(docs.get(0).model() instanceof Kustomization k)) {
            if (docs != null && docs.size() != 1) {
                problems.add(new Problem(root.relativize(file).toString(), "", "a kustomization is one YAML document"));
            }
            return null;
        }
        return k;
    }

    private List<Manifest> resource(Path dir, String entry, String where, String path, Deque<Path> stack) {
        if (entry.contains("://") || entry.startsWith("github.com/")) {
            problems.add(new Problem(where, path, "remote resource '" + entry + "' cannot be validated offline"));
            return List.of();
        }
        Path target = dir.resolve(entry).normalize();
        if (Files.isDirectory(target)) {
            if (!Files.isRegularFile(target.resolve("kustomization.yaml"))) {
                problems.add(new Problem(where, path, "directory '" + entry + "' has no kustomization.yaml"));
                return List.of();
            }
            return build(target, stack);
        }
        if (!loadable(dir, target, entry, where, path)) {
            return List.of();
        }
        referenced.add(target);
        // Documents that failed to deserialise stay in the build (their problem is already reported)
        // so the build lists the same resources as kustomize's.
        return new ArrayList<>(files.getOrDefault(target, List.of()));
    }

    /** A file exists, is YAML and lies under the kustomization's directory (kustomize's default load restrictor). */
    private boolean loadable(Path dir, Path file, String entry, String where, String path) {
        if (!Files.isRegularFile(file)) {
            problems.add(new Problem(where, path, "'" + entry + "' does not exist"));
            return false;
        }
        if (!file.startsWith(dir)) {
            problems.add(new Problem(where, path, "'" + entry + "' is outside the kustomization's directory;"
                    + " kustomize only loads files from there (use a directory with its own kustomization.yaml)"));
            return false;
        }
        if (!ManifestReader.isYaml(file)) {
            problems.add(new Problem(where, path, "'" + entry + "' is not a .yaml file"));
            return false;
        }
        return true;
    }

    private void patch(Path dir, Kustomization.Patch patch, List<Manifest> build, String where, String path) {
        if (patch.path() == null) {
            problems.add(new Problem(where, path, "only patches from a file (path:) are supported"));
            return;
        }
        Path file = dir.resolve(patch.path()).normalize();
        if (!loadable(dir, file, patch.path(), where, path + ".path")) {
            return;
        }
        referenced.add(file);
        List<Manifest> docs = files.getOrDefault(file, List.of());
        if (docs.size() != 1 || docs.get(0).model() == null) {
            if (docs.size() != 1) {
                problems.add(new Problem(where, path, "patch '" + patch.path() + "' must be exactly one valid document"));
            }
            return;
        }
        Manifest p = docs.get(0);
        int hits = 0;
        for (int i = 0; i < build.size(); i++) {
            Manifest m = build.get(i);
            if (!Selection.selects(patch.target(), p, m, problems, where, path)) {
                continue;
            }
            hits++;
            if (m.model() == null) {
                continue;
            }
            containersExist(p, m, where, path);
            ObjectNode body = p.tree().deepCopy();
            ((ObjectNode) body.with("metadata")).put("name", m.name());
            JsonNode merged = MergePatch.apply(m.tree(), body);
            String at = m.where() + " patched by " + p.where();
            build.set(i, m.withTree(merged, reader.typed(merged, at, problems)));
        }
        if (hits == 0) {
            problems.add(new Problem(where, path, "patch '" + patch.path() + "' (" + p.id()
                    + ") matches no resource of this build"));
        }
    }

    /** A workload patch must not add containers: they would lack image, probes and security context. */
    private void containersExist(Manifest patch, Manifest target, String where, String path) {
        JsonNode patched = patch.tree().path("spec").path("template").path("spec").path("containers");
        JsonNode existing = target.tree().path("spec").path("template").path("spec").path("containers");
        for (JsonNode c : patched) {
            if (MergePatch.indexOf(existing, c.path("name").asText()) < 0) {
                problems.add(new Problem(where, path, "patch names container '" + c.path("name").asText()
                        + "' that " + target.id() + " does not have"));
            }
        }
    }

    private void image(Kustomization.Image image, List<Manifest> build, String where, String path) {
        int hits = 0;
        for (int i = 0; i < build.size(); i++) {
            Manifest m = build.get(i);
            JsonNode containers = m.tree().path("spec").path("template").path("spec").path("containers");
            boolean changed = false;
            JsonNode tree = m.tree().deepCopy();
            JsonNode copies = tree.path("spec").path("template").path("spec").path("containers");
            for (int c = 0; c < containers.size(); c++) {
                String ref = containers.get(c).path("image").asText();
                if (repository(ref).equals(image.name())) {
                    String name = image.newName() == null ? image.name() : image.newName();
                    String tag = image.newTag() == null ? tag(ref) : image.newTag();
                    ((ObjectNode) copies.get(c)).put("image", tag.isEmpty() ? name : name + ":" + tag);
                    changed = true;
                }
            }
            if (changed) {
                hits++;
                build.set(i, m.withTree(tree, reader.typed(tree, m.where(), problems)));
            }
        }
        if (hits == 0) {
            problems.add(new Problem(where, path, "image '" + image.name() + "' is used by no container of this build"));
        }
    }

    static String repository(String image) {
        int at = image.indexOf('@');
        String ref = at < 0 ? image : image.substring(0, at);
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    private static String tag(String image) {
        String repo = repository(image);
        return image.length() > repo.length() + 1 && image.charAt(repo.length()) == ':' ? image.substring(repo.length() + 1) : "";
    }

    /** Every kustomization directory under the root, in a stable order. */
    static List<Path> kustomizationDirs(Map<Path, List<Manifest>> files) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        files.keySet().stream().sorted()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                .forEach(f -> dirs.put(f.getParent().toString(), f.getParent()));
        return new ArrayList<>(dirs.values());
    }
}
