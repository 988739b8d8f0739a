package io.edgerouter.protocol.fleet;

import java.util.regex.Pattern;

/**
 * The shape of the names that travel in telemetry and key state on the gateway: fleet names and app ids
 * ({@code x-app-id}). Bounded and plain, so a caller cannot blow up a map of per-app counters with megabyte keys or
 * smuggle control characters into logs and metric labels.
 */
public final class Identifiers {

    /** Longest fleet name or app id, in characters. */
    public static final int MAX_LENGTH = 64;

    /** The rule, as error messages state it. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private Identifiers() {
    }

    /** Whether {@code name} is a valid fleet name or app id. */
    public static boolean valid(String name) {
        return name != null && SHAPE.matcher(name).matches();
    }
}
