package io.edgerouter.router.feature;

import java.util.Arrays;

/**
 * A small fixed set of lower-case ASCII keywords (at most 12 letters) mapped to bit flags, looked up straight from a
 * region of the text: the region's letters, lower-cased, are packed base 27 into one long (a = 1 … z = 26) and found
 * by binary search, so matching a word allocates nothing. A region with any other character matches no keyword.
 *
 * <p>Most words of a prompt are no keyword, so a pre-filter answers them first: a table, by length and first letter,
 * of the last letters of the keywords with that length and first letter. A word with no keyword of its length, first
 * and last letter is rejected after two character reads and one table read; only the rest are packed and searched.
 */
final class Keywords {

    private static final int MAX_LETTERS = 12; // 27^12 < 2^63

    private long[] keys = new long[0];
    private int[] flags = new int[0];
    /**
     * The pre-filter, at index length · 32 + first letter (1 … 26): bit (last letter - 1) is set when some keyword
     * has that length, first and last letter. Slots for first letter 0 (no letter) stay 0.
     */
    private final int[] lastLetters = new int[(MAX_LETTERS + 1) * 32];

    /** Adds {@code flag} to each word (words may repeat across calls: their flags are or-ed). */
    Keywords add(int flag, String... words) {
        for (String w : words) {
            long key = pack(w.toCharArray(), 0, w.length());
            if (key < 0) {
                throw new IllegalArgumentException("keyword must be 1 to " + MAX_LETTERS + " letters a-z: " + w);
            }
            lastLetters[w.length() << 5 | letter(w.charAt(0))] |= 1 << (letter(w.charAt(w.length() - 1)) - 1);
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
    int flags(char[] t, int from, int to) {
        if (!mayMatch(t, from, to)) return 0;
        long key = pack(t, from, to);
        if (key < 0) return 0;
        int at = Arrays.binarySearch(keys, key);
        return at < 0 ? 0 : flags[at];
    }

    /**
     * The pre-filter: false when no keyword has the length, first letter and last letter of t[from, to) (in any
     * case), so the region is surely no keyword; true means it may be one. Never false for a keyword.
     */
    boolean mayMatch(char[] t, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LETTERS) return false;
        // letter() is 0 for a non-letter: slot 0 of a length is empty, and bit (0 - 1) = bit 31 is never set
        return (lastLetters[length << 5 | letter(t[from])] & 1 << (letter(t[to - 1]) - 1)) != 0;
    }

    /** 1 … 26 for an ASCII letter a–z or A–Z, else 0. */
    private static int letter(char c) {
        int lower = c | 0x20; // 'A'–'Z' → 'a'–'z'; no other char lands in 'a'–'z' this way
        return lower >= 'a' && lower <= 'z' ? lower - 'a' + 1 : 0;
    }

    /** Base-27 code of the lower-cased ASCII letters in t[from, to), or -1 if empty, too long or not all letters. */
    private static long pack(char[] t, int from, int to) {
        if (to <= from || to - from > MAX_LETTERS) return -1;
        long key = 0;
        for (int i = from; i < to; i++) {
            int letter = letter(t[i]);
            if (letter == 0) return -1;
            key = key * 27 + letter;
        }
        return key;
    }
}
