package io.edgerouter.privacy.recognizer.au;

/** Digit helpers shared by the Australian recognizers. */
final class AuDigits {

    private AuDigits() {
    }

    /** The candidate's digits with the separators our patterns allow (spaces) removed. */
    static int[] digits(String candidate) {
        int[] out = new int[candidate.length()];
        int n = 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                out[n++] = c - '0';
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Sum of digit times weight over the first {@code weights.length} digits. */
    static int weightedSum(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }
}
