package io.edgerouter.k8s.validate;

import java.util.List;

/** Which resources a kustomize patch applies to. */
final class Selection {

    private Selection() {
    }

    /** Whether a patch (with its optional target) applies to resource {@code m}. */
    static boolean selects(Kustomization.Target target, Manifest patch, Manifest m, List<Problem> problems,
                           String where, String path) {
        if (target == null) {
            return patch.apiVersion().equals(m.apiVersion()) && patch.id().equals(m.id());
        }
        String[] gv = m.apiVersion().contains("/") ? m.apiVersion().split("/", 2) : new String[] {"", m.apiVersion()};
        return matches(target.group(), gv[0]) && matches(target.version(), gv[1]) && matches(target.kind(), m.kind())
                && matches(target.name(), m.name()) && labels(target.labelSelector(), m, problems, where, path);
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    /** Equality-based label selectors only ({@code a=b,c=d}); anything else is reported. */
    private static boolean labels(String selector, Manifest m, List<Problem> problems, String where, String path) {
        if (selector == null) {
            return true;
        }
        for (String term : selector.split(",")) {
            String[] kv = term.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty() || kv[1].startsWith("=")) {
                problems.add(new Problem(where, path + ".target.labelSelector",
                        "'" + selector + "' is not an equality selector (key=value[,key=value])"));
                return false;
            }
            if (!kv[1].equals(m.tree().path("metadata").path("labels").path(kv[0]).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
