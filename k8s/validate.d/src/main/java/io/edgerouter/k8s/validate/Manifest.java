package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * One YAML document of a manifest file.
 *
 * @param file  the file, relative to the validated root
 * @param index the document's position in the file, from 0
 * @param line  the line the document starts on, from 1
 * @param tree  the document as read
 * @param model the typed object it deserialised to, or null when it did not
 */
public record Manifest(Path file, int index, int line, JsonNode tree, Object model) {

    public String where() {
        return file + "#" + index + " (line " + line + ")";
    }

    public String apiVersion() {
        return tree.path("apiVersion").asText("");
    }

    public String kind() {
        return tree.path("kind").asText("");
    }

    public String name() {
        return tree.path("metadata").path("name").asText("");
    }

    /** {@code Kind/name}, as kubectl prints it. */
    public String id() {
        return kind() + "/" + name();
    }

    public Manifest withTree(JsonNode newTree, Object newModel) {
        return new Manifest(file, index, line, newTree, newModel);
    }
}
