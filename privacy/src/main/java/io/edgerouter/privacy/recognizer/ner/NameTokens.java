package io.edgerouter.privacy.recognizer.ner;

import io.edgerouter.privacy.recognizer.AnalysisInput;

/**
 * The words of a text as the name finder sees them: possessive "'s" removed from each word's span,
 * lower-cased form, and whether the word is capitalised (upper-case first letter).
 */
final class NameTokens {

    private final AnalysisInput input;
    private final int[] starts; // (words) span start
    private final int[] ends;   // (words) span end, possessive suffix excluded
    private final String[] lower; // (words) lower-cased word without possessive suffix

    NameTokens(AnalysisInput input) {
        this.input = input;
        int n = input.wordCount();
        starts = new int[n];
        ends = new int[n];
        lower = new String[n];
        for (int i = 0; i < n; i++) {
            starts[i] = input.wordStart(i);
            int e = input.wordEnd(i);
            String text = input.text();
            if (e - starts[i] > 3 && (text.charAt(e - 1) == 's' || text.charAt(e - 1) == 'S')
                    && (text.charAt(e - 2) == '\'' || text.charAt(e - 2) == '\u2019')) {
                e -= 2;
            }
            ends[i] = e;
            lower[i] = input.lowerCase().substring(starts[i], e);
        }
    }

    int size() {
        return starts.length;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String lower(int i) {
        return lower[i];
    }

    /** Upper-case first letter followed by at least one lower-case letter ("Anna", "McDonald", "O'Brien"). */
    boolean capitalised(int i) {
        String t = input.text();
        if (!Character.isUpperCase(t.charAt(starts[i]))) {
            return false;
        }
        for (int k = starts[i] + 1; k < ends[i]; k++) {
            if (Character.isLowerCase(t.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** All upper case, two or three letters ("UK", "USA"): only place abbreviations are looked up this way. */
    boolean shortUpper(int i) {
        int len = ends[i] - starts[i];
        if (len < 2 || len > 3) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (!Character.isUpperCase(input.text().charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** True when words i and i+1 are separated only by a space or by ". " (as in "St. Petersburg"). */
    boolean adjacent(int i) {
        if (i + 1 >= starts.length || ends[i] != input.wordEnd(i)) {
            return false;
        }
        String gap = input.text().substring(ends[i], starts[i + 1]);
        return gap.equals(" ") || gap.equals(". ") || gap.equals("-");
    }

    /** Lower-cased previous word, or "" at the start of the text or across a sentence or line break. */
    String previous(int i, int back) {
        int k = i - back;
        if (k < 0) {
            return "";
        }
        String gap = input.text().substring(ends[k], starts[k + 1]);
        for (int c = 0; c < gap.length(); c++) {
            char ch = gap.charAt(c);
            boolean paragraph = ch == '\n' && gap.indexOf('\n', c + 1) >= 0;
            if (paragraph || ch == '!' || ch == '?' || (ch == '.' && !NerCues.TITLES.contains(lower[k]))) {
                return "";
            }
        }
        return lower[k];
    }
}
