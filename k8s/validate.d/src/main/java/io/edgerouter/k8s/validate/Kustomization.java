package io.edgerouter.k8s.validate;

import java.util.List;

/**
 * The part of kustomize's {@code Kustomization} these manifests use. Any other field is rejected:
 * the validator cannot check what it does not model, so a new feature means extending this record.
 */
public record Kustomization(
        String apiVersion,
        String kind,
        String namespace,
        List<String> resources,
        List<Patch> patches,
        List<Image> images) {

    public Kustomization {
        resources = resources == null ? List.of() : List.copyOf(resources);
        patches = patches == null ? List.of() : List.copyOf(patches);
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** A strategic-merge patch file, applied to its own Kind/name or to every resource {@code target} selects. */
    public record Patch(String path, Target target) {
    }

    /** Selects the resources a patch applies to; unset fields match anything. */
    public record Target(String group, String version, String kind, String name, String labelSelector) {
    }

    /** Replaces the tag (or the name) of every container image named {@code name}. */
    public record Image(String name, String newName, String newTag) {
    }
}
