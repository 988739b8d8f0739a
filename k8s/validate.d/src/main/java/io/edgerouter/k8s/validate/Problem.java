package io.edgerouter.k8s.validate;

/**
 * One thing wrong with the manifests.
 *
 * @param where   file, document index and line, e.g. {@code base/gateway/deployment.yaml#0 (line 1)}, or a build name
 * @param path    field path inside the document ({@code spec.template.spec.containers[0]}), empty for the whole document
 * @param message what is wrong, naming the bad value and what is allowed
 */
public record Problem(String where, String path, String message) {

    public Problem {
        if (where == null || where.isBlank()) {
            throw new IllegalArgumentException("a problem needs a location");
        }
        path = path == null ? "" : path;
    }

    @Override
    public String toString() {
        return where + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
}
