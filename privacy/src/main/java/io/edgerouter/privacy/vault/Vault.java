package io.edgerouter.privacy.vault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;

/**
 * One conversation's placeholder ↔ value mapping. The same (entity type, value) always gets the same
 * placeholder, so the cloud model sees a consistent pseudonym across turns. Thread-safe.
 *
 * <p>The vault never leaves the process: it is not {@link java.io.Serializable}, exposes no bulk view of its
 * contents, and {@link #toString()} prints only its size.
 */
public final class Vault {

    /** Bytes counted per entry on top of its characters (map nodes, strings' headers). */
    public static final int ENTRY_OVERHEAD_BYTES = 96;

    private final int maxEntries;
    private final long maxBytes;
    private long bytes;
    private int reserved;
    private final Map<String, String> placeholderByKey = new HashMap<>(); // "TYPE\u0000value" -> placeholder
    private final Map<String, String> valueByPlaceholder = new HashMap<>();
    private final Map<String, Integer> counterByType = new HashMap<>();

    public Vault(int maxEntries, long maxBytes) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("maxEntries and maxBytes must be positive, got " + maxEntries
                    + ", " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public Vault(VaultLimits limits) {
        this(limits.maxEntries(), limits.maxBytes());
    }

    public Vault(int maxEntries) {
        this(maxEntries, VaultLimits.DEFAULTS.maxBytes());
    }

    /** A vault with {@link VaultLimits#DEFAULTS}' per-vault bounds. */
    public Vault() {
        this(VaultLimits.DEFAULTS);
    }

    private static long cost(String placeholder, String value) {
        return 2L * (placeholder.length() + value.length()) + ENTRY_OVERHEAD_BYTES;
    }

    private void admit(long cost) {
        if (placeholderByKey.size() + reserved >= maxEntries) {
            throw new VaultFullException("conversation vault is full (" + maxEntries
                    + " entries, reserved placeholders included); start a new conversation");
        }
        if (bytes + cost > maxBytes) {
            throw new VaultFullException("conversation vault is full (" + bytes + " of " + maxBytes
                    + " bytes used, this value needs " + cost + "); start a new conversation");
        }
    }

    /** The placeholder for this value, creating {@code <TYPE_N>} with the next counter for TYPE if new. */
    public synchronized String placeholderFor(String entityType, String value) {
        String key = entityType + '\u0000' + value;
        String existing = placeholderByKey.get(key);
        if (existing != null) {
            return existing;
        }
        String placeholder;
        int n = counterByType.getOrDefault(entityType, 0);
        do { // skip placeholders the user's own text already contains (see reserveLiteral)
            placeholder = Placeholders.format(entityType, ++n);
        } while (valueByPlaceholder.containsKey(placeholder));
        long cost = cost(placeholder, value);
        admit(cost);
        counterByType.put(entityType, n);
        bytes += cost;
        placeholderByKey.put(key, placeholder);
        valueByPlaceholder.put(placeholder, value);
        return placeholder;
    }

    /**
     * Records that the text being anonymized already contains {@code placeholder} literally (a user quoting
     * "&lt;PERSON_1&gt;"): it is never handed out for a value and restores to itself, so de-anonymizing gives the
     * user's text back unchanged. Reservations count towards the entry and byte bounds like values (a text full of
     * placeholder-looking literals must not grow the vault without bound).
     *
     * @throws VaultFullException when the vault has no room left
     */
    public synchronized void reserveLiteral(String placeholder) {
        if (valueByPlaceholder.containsKey(placeholder)) {
            return;
        }
        long cost = cost(placeholder, "");
        admit(cost);
        bytes += cost;
        reserved++;
        valueByPlaceholder.put(placeholder, placeholder);
    }

    /**
     * {@code text} with every value this vault already holds replaced by its placeholder, wherever it occurs, not
     * only where a recognizer found it: a name detected once thanks to a cue ("my name is Alice Smith") is masked in
     * every later message that repeats it without the cue. Matching ignores case; a value that begins or ends with a
     * letter or digit matches only as a whole word there ("Al" is not replaced inside "Also"); longer values win over
     * the shorter ones they contain. Reserved literals are not values and are left alone.
     */
    public synchronized String maskKnownValues(String text) {
        if (placeholderByKey.isEmpty() || text.isEmpty()) {
            return text;
        }
        List<Map.Entry<String, String>> known = new ArrayList<>(placeholderByKey.size());
        for (Map.Entry<String, String> e : placeholderByKey.entrySet()) {
            String value = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
            if (!value.isBlank()) {
                known.add(Map.entry(value, e.getValue()));
            }
        }
        known.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
        String folded = text.toLowerCase(Locale.ROOT);
        boolean ignoreCase = folded.length() == text.length(); // else case folding changed lengths: match exactly
        String lower = ignoreCase ? folded : text;
        boolean[] taken = new boolean[text.length()];
        TreeMap<Integer, Map.Entry<Integer, String>> hits = new TreeMap<>(); // start -> (end, placeholder)
        for (Map.Entry<String, String> k : known) {
            String needle = ignoreCase ? k.getKey().toLowerCase(Locale.ROOT) : k.getKey();
            for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
                int end = at + needle.length();
                if (!wholeWord(text, at, end) || anyTaken(taken, at, end)) {
                    continue;
                }
                java.util.Arrays.fill(taken, at, end, true);
                hits.put(at, Map.entry(end, k.getValue()));
            }
        }
        if (hits.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (Map.Entry<Integer, Map.Entry<Integer, String>> h : hits.entrySet()) {
            out.append(text, pos, h.getKey()).append(h.getValue().getValue());
            pos = h.getValue().getKey();
        }
        return out.append(text, pos, text.length()).toString();
    }

    private static boolean wholeWord(String text, int start, int end) {
        boolean edgeStart = Character.isLetterOrDigit(text.charAt(start));
        boolean edgeEnd = Character.isLetterOrDigit(text.charAt(end - 1));
        return !(edgeStart && start > 0 && Character.isLetterOrDigit(text.charAt(start - 1)))
                && !(edgeEnd && end < text.length() && Character.isLetterOrDigit(text.charAt(end)));
    }

    private static boolean anyTaken(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) {
            if (taken[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} contains a value this vault holds (same matching as {@link #maskKnownValues}): what the
     * egress gate checks on decoded token ids before they leave the device.
     */
    public synchronized boolean containsKnownValue(String text) {
        return !maskKnownValues(text).equals(text);
    }

    public synchronized Optional<String> valueOf(String placeholder) {
        return Optional.ofNullable(valueByPlaceholder.get(placeholder));
    }

    /** Values held (reserved literals not included). */
    public synchronized int size() {
        return placeholderByKey.size();
    }

    /** Estimated bytes held, reserved literals included (see {@link VaultLimits#maxBytes()}). */
    public synchronized long bytes() {
        return bytes;
    }

    /** Forgets every mapping (end of conversation). */
    public synchronized void clear() {
        placeholderByKey.clear();
        valueByPlaceholder.clear();
        counterByType.clear();
        bytes = 0;
        reserved = 0;
    }

    @Override
    public synchronized String toString() {
        return "Vault[entries=" + placeholderByKey.size() + "]";
    }
}
