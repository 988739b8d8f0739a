package io.edgerouter.privacy.vault;

/** Replaces every placeholder found in a vault by its original value; unknown placeholders stay as written. */
public final class Deanonymizer {

    private Deanonymizer() {
    }

    public static String restore(CharSequence text, Vault vault) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '<') {
                int len = Placeholders.lengthAt(text, i);
                if (len > 0) {
                    String placeholder = text.subSequence(i, i + len).toString();
                    out.append(vault.valueOf(placeholder).orElse(placeholder));
                    i += len;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
