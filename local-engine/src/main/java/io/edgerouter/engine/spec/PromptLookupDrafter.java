package io.edgerouter.engine.spec;

import io.edgerouter.engine.InvalidRequestException;

import java.util.Arrays;

/**
 * Prompt-lookup (n-gram) drafting: finds the most recent earlier occurrence of the sequence's last n tokens
 * (n from {@code maxNgram} down to {@code minNgram}) and proposes the tokens that followed it. Needs no model; pays
 * off when the output copies from the input (summarise, rewrite, extract).
 */
public record PromptLookupDrafter(int maxNgram, int minNgram) implements Drafter {

    public PromptLookupDrafter {
        if (minNgram < 1 || maxNgram < minNgram) {
            throw new InvalidRequestException("n-gram sizes need 1 ≤ minNgram ≤ maxNgram, got min=" + minNgram
                    + " max=" + maxNgram);
        }
    }

    public PromptLookupDrafter() {
        this(3, 1);
    }

    @Override
    public Draft draft(int[] sequence, int k) {
        if (k < 0) {
            throw new InvalidRequestException("draft length k must be ≥ 0, got " + k);
        }
        int len = sequence.length;
        for (int n = Math.min(maxNgram, len - 1); n >= minNgram; n--) {
            for (int start = len - n - 1; start >= 0; start--) {
                if (matches(sequence, start, len - n, n)) {
                    int from = start + n;
                    int to = Math.min(from + k, len);
                    return new Draft(Arrays.copyOfRange(sequence, from, to), null);
                }
            }
        }
        return Draft.EMPTY;
    }

    private static boolean matches(int[] s, int a, int b, int n) {
        for (int i = 0; i < n; i++) {
            if (s[a + i] != s[b + i]) {
                return false;
            }
        }
        return true;
    }
}
