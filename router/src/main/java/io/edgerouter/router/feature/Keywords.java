package io.edgerouter.router.feature;

import java.util.Arrays;

/**
 * A small fixed set of lower-case ASCII keywords (at most 12 letters) mapped to bit flags, looked up straight from a
 * region of the text: the region's letters, lower-cased, are packed base 27 into one long (a = 1 … z = 26) and found
 * by binary search, so matching a word allocates nothing. A region with any other character matches no keyword.
 */
final class Keywords {

    private static final int MAX_LETTERS = 12; // 27^12 < 2^63

    private long[] keys = new long[0];
    private int[] flags = new int[0];

    /** Adds {@code flag} to each word (words may repeat across calls: their flags are or-ed). */
    Keywords add(int flag, String... words) {
        for (String w : words) {
            long key = pack(w, 0, w.length());
            if (key < 0) {
                throw new IllegalArgumentException("keyword must be 1 to " + MAX_LETTERS + " letters a-z: " + w);
            }
            int at = Arrays.binarySearch(keys, key);
            if (at >= 0) {
                flags[at] |= flag;
                continue;
            }
            int ins = -at - 1;
            long[] k = new long[keys.length + 1];
            int[] f = new int[flags.length + 1];
            System.arraycopy(keys, 0, k, 0, ins);
            System.arraycopy(flags, 0, f, 0, ins);
            k[ins] = key;
            f[ins] = flag;
            System.arraycopy(keys, ins, k, ins + 1, keys.length - ins);
            System.arraycopy(flags, ins, f, ins + 1, flags.length - ins);
            keys = k;
            flags = f;
        }
        return this;
    }

    /** @return the flags of the keyword spelled by t[from, to) in any letter case, 0 when it is none */
    int flags(CharSequence t, int from, int to) {
        long key = pack(t, from, to);
        if (key < 0) return 0;
        int at = Arrays.binarySearch(keys, key);
        return at < 0 ? 0 : flags[at];
    }

    /** Base-27 code of the lower-cased ASCII letters in t[from, to), or -1 if empty, too long or not all letters. */
    private static long pack(CharSequence t, int from, int to) {
        if (to <= from || to - from > MAX_LETTERS) return -1;
        long key = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            int letter = c >= 'a' && c <= 'z' ? c - 'a' + 1 : c >= 'A' && c <= 'Z' ? c - 'A' + 1 : -1;
            if (letter < 0) return -1;
            key = key * 27 + letter;
        }
        return key;
    }
}
