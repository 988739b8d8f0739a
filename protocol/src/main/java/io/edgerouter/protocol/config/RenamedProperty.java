package io.edgerouter.protocol.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A configuration property that was renamed. Both apps refuse to start when an old name is set, with a message
 * saying what it is called now, instead of ignoring it (a model setting silently ignored would serve the wrong model).
 *
 * @param oldName the name that no longer works, e.g. {@code edge.engine.model-dir}
 * @param newName what to set instead, e.g. {@code edge.engine.model}
 * @param hint    what the new property takes, for the message (may be empty)
 */
public record RenamedProperty(String oldName, String newName, String hint) {

    public RenamedProperty {
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        hint = hint == null ? "" : hint;
    }

    /** {@code edge.engine.model-dir was renamed to edge.engine.model (a model directory or file)}. */
    public String message() {
        return oldName + " was renamed to " + newName + (hint.isEmpty() ? "" : " (" + hint + ")");
    }

    /**
     * Whether {@code name}, as a configuration source lists it, sets the old property: the name itself (also under a
     * profile, {@code %prod.edge.engine.model-dir}) or its environment variable ({@code EDGE_ENGINE_MODEL_DIR}),
     * unless that variable is also the new name's.
     */
    public boolean isSetBy(String name) {
        String plain = name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
        if (plain.equals(oldName)) {
            return true;
        }
        String env = environmentName(oldName);
        return plain.equals(env) && !env.equals(environmentName(newName));
    }

    /** The environment variable SmallRye Config reads for a property: {@code edge.engine.model-dir → EDGE_ENGINE_MODEL_DIR}. */
    static String environmentName(String property) {
        StringBuilder b = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            b.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * Passes the property names on, or fails when any of them sets a renamed property.
     *
     * @param failure makes the exception to throw from the messages, one per old name that is set
     */
    public static Iterator<String> rejectRenamed(Iterator<String> names, List<RenamedProperty> renamed,
                                                 Function<List<String>, ? extends RuntimeException> failure) {
        List<String> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        while (names.hasNext()) {
            String name = names.next();
            all.add(name);
            for (RenamedProperty r : renamed) {
                if (r.isSetBy(name) && !problems.contains(r.message())) {
                    problems.add(r.message());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw failure.apply(List.copyOf(problems));
        }
        return all.iterator();
    }
}
