package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads every YAML document of a file and deserialises each into the typed model of its kind. */
final class ManifestReader {

    private final ObjectMapper mapper;
    private final Path root;

    ManifestReader(ObjectMapper mapper, Path root) {
        this.mapper = mapper;
        this.root = root;
    }

    /** The documents of {@code file}; each problem found is added to {@code problems}. */
    List<Manifest> read(Path file, List<Problem> problems) {
        Path shown = root.relativize(file);
        try {
            return read(Files.readString(file), shown, problems);
        } catch (IOException e) {
            problems.add(new Problem(shown.toString(), "", "cannot read: " + e.getMessage()));
            return List.of();
        }
    }

    /** The documents of a YAML text shown as {@code shown} in problems. */
    List<Manifest> read(String text, Path shown, List<Problem> problems) {
        List<Manifest> manifests = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            int index = 0;
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode tree = mapper.readTree(parser);
                String where = shown + "#" + index + " (line " + line + ")";
                if (tree == null || !tree.isObject()) {
                    problems.add(new Problem(where, "", "a manifest must be a mapping, found " + parser.currentToken()));
                } else {
                    manifests.add(new Manifest(shown, index, line, tree, typed(text, index, tree, where, problems)));
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            problems.add(new Problem(shown + " (line " + e.getLocation().getLineNr() + ")", "",
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new Problem(shown.toString(), "", "cannot read: " + e.getMessage()));
        }
        return manifests;
    }

    /** Deserialises a document strictly from the file itself, so that a failure has its line. */
    private Object typed(String text, int index, JsonNode tree, String where, List<Problem> problems) throws IOException {
        Optional<Class<?>> model = model(tree, where, problems);
        if (model.isEmpty()) {
            return null;
        }
        try (JsonParser parser = mapper.createParser(text)) {
            for (int skipped = 0; skipped < index; skipped++) {
                parser.nextToken();
                parser.skipChildren();
            }
            parser.nextToken();
            return mapper.readValue(parser, model.get());
        } catch (JsonMappingException e) {
            String at = e.getLocation() == null ? where : where + " at line " + e.getLocation().getLineNr();
            problems.add(new Problem(at, StrictMapper.path(e), StrictMapper.reason(e)));
            return null;
        }
    }

    /** Converts a document that exists only as a tree (a patched resource) to its typed model. */
    Object typed(JsonNode tree, String where, List<Problem> problems) {
        Optional<Class<?>> model = model(tree, where, problems);
        if (model.isEmpty()) {
            return null;
        }
        try {
            return mapper.treeToValue(tree, model.get());
        } catch (JsonMappingException e) {
            problems.add(new Problem(where, StrictMapper.path(e), StrictMapper.reason(e)));
            return null;
        } catch (JsonProcessingException e) {
            problems.add(new Problem(where, "", e.getOriginalMessage()));
            return null;
        }
    }

    private static Optional<Class<?>> model(JsonNode tree, String where, List<Problem> problems) {
        String apiVersion = tree.path("apiVersion").asText("");
        String kind = tree.path("kind").asText("");
        Optional<Class<?>> model = Kinds.model(apiVersion, kind);
        if (model.isEmpty()) {
            problems.add(new Problem(where, "", "unknown apiVersion/kind '" + apiVersion + " " + kind
                    + "' (allowed: " + Kinds.known() + ")"));
        }
        return model;
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
