package io.edgerouter.privacy.recognizer.india;

/**
 * Verhoeff's check digit scheme (dihedral group D5): catches every single-digit error and every swap of adjacent
 * digits. Tables: the group's multiplication {@code D}, the position permutation {@code P} (the permutation
 * (1 5 8 9 4 2 7 0)(3 6) applied once per position) and nothing else, since validation only asks for a zero result.
 */
final class Verhoeff {

    private static final int[][] D = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
            {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
            {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
            {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
            {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
            {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
            {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] P = new int[8][10];

    static {
        int[] once = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};
        for (int d = 0; d < 10; d++) {
            P[0][d] = d;
        }
        for (int i = 1; i < 8; i++) {
            for (int d = 0; d < 10; d++) {
                P[i][d] = once[P[i - 1][d]];
            }
        }
    }

    private Verhoeff() {
    }

    /** Whether a string of digits ends in its correct Verhoeff check digit. */
    static boolean valid(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            c = D[c][P[i % 8][digit]];
        }
        return c == 0;
    }

    /** The check digit to append to {@code digits} (for tests). */
    static int checkDigit(String digits) {
        for (int d = 0; d < 10; d++) {
            if (valid(digits + d)) {
                return d;
            }
        }
        throw new IllegalStateException("no Verhoeff digit for " + digits);
    }
}
