package io.edgerouter.privacy.vault;

/**
 * De-anonymizes a streamed answer chunk by chunk. A placeholder may be split across chunks
 * ("...contact &lt;EMAIL_AD" + "DRESS_1&gt; today"), so a trailing fragment that could still become a
 * placeholder is held back until the next chunk or {@link #flush()}. At most
 * {@link Placeholders#MAX_LENGTH} characters are ever held. One instance per stream; not thread-safe.
 */
public final class StreamingDeanonymizer {

    private final Vault vault;
    private final StringBuilder pending = new StringBuilder();

    public StreamingDeanonymizer(Vault vault) {
        if (vault == null) {
            throw new IllegalArgumentException("vault must not be null");
        }
        this.vault = vault;
    }

    /** Adds a chunk and returns the text that is now safe to emit (possibly empty). */
    public String accept(CharSequence chunk) {
        pending.append(chunk);
        int hold = pending.length();
        int from = Math.max(0, pending.length() - Placeholders.MAX_LENGTH);
        for (int i = pending.length() - 1; i >= from; i--) {
            if (pending.charAt(i) == '<') {
                if (Placeholders.couldStartAt(pending, i)) {
                    hold = i;
                }
                break;
            }
        }
        String ready = Deanonymizer.restore(pending.subSequence(0, hold), vault);
        pending.delete(0, hold);
        return ready;
    }

    /** End of stream: returns whatever is still held, restored where possible. */
    public String flush() {
        String rest = Deanonymizer.restore(pending, vault);
        pending.setLength(0);
        return rest;
    }
}
