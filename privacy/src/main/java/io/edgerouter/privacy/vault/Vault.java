package io.edgerouter.privacy.vault;

import io.edgerouter.privacy.PrivacyException;
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

    private final int maxEntries;
    private final Map<String, String> placeholderByKey = new HashMap<>(); // "TYPE\u0000value" -> placeholder
    private final Map<String, String> valueByPlaceholder = new HashMap<>();
    private final Map<String, Integer> counterByType = new HashMap<>();

    public Vault(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    public Vault() {
        this(10_000);
    }

    /** The placeholder for this value, creating {@code <TYPE_N>} with the next counter for TYPE if new. */
    public synchronized String placeholderFor(String entityType, String value) {
        String key = entityType + '\u0000' + value;
        String existing = placeholderByKey.get(key);
        if (existing != null) {
            return existing;
        }
        if (placeholderByKey.size() >= maxEntries) {
            throw new PrivacyException("vault is full (" + maxEntries + " entries); start a new conversation", false);
        }
        String placeholder;
        do { // skip placeholders the user's own text already contains (see reserveLiteral)
            placeholder = Placeholders.format(entityType, counterByType.merge(entityType, 1, Integer::sum));
        } while (valueByPlaceholder.containsKey(placeholder));
        placeholderByKey.put(key, placeholder);
        valueByPlaceholder.put(placeholder, value);
        return placeholder;
    }

    /**
     * Records that the text being anonymized already contains {@code placeholder} literally (a user quoting
     * "&lt;PERSON_1&gt;"): it is never handed out for a value and restores to itself, so de-anonymizing gives the
     * user's text back unchanged. Reservations do not count towards the entry limit.
     */
    public synchronized void reserveLiteral(String placeholder) {
        valueByPlaceholder.putIfAbsent(placeholder, placeholder);
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

    public synchronized int size() {
        return placeholderByKey.size();
    }

    /** Forgets every mapping (end of conversation). */
    public synchronized void clear() {
        placeholderByKey.clear();
        valueByPlaceholder.clear();
        counterByType.clear();
    }

    @Override
    public synchronized String toString() {
        return "Vault[entries=" + placeholderByKey.size() + "]";
    }
}
