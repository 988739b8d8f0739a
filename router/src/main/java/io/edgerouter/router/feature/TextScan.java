package io.edgerouter.router.feature;


/**
 * The counts behind {@link LexicalFeatures}, gathered in one pass: characters by class, whitespace-separated tokens,
 * words (runs of letters, digits and apostrophes) matched against small keyword sets, lines that are answer options
 * ({@code "A. …"}, {@code "b) …"}, {@code "3: …"}), and code markers. Counts are capped while scanning so a
 * pathological prompt costs no more than its length.
 */
final class TextScan {

    // keyword classes, as bit flags of one packed word (see Keywords)
    private static final int NEGATION = 1, SECOND_PERSON = 2, FIRST_PERSON = 4, COMPUTE = 8, CLAIM = 16, CODE_WORD = 32,
            HOW = 64, MANY_MUCH = 128, ROMAN = 256;
    private static final Keywords KEYWORDS = new Keywords()
            .add(NEGATION, "not", "no", "never", "none", "except", "false", "incorrect", "least", "cannot", "neither", "nor")
            .add(SECOND_PERSON, "you", "your")
            .add(FIRST_PERSON, "i", "me", "my", "we", "our")
            .add(COMPUTE, "calculate", "compute", "solve", "evaluate", "simplify", "find", "determine")
            // heads of numbered claims judged together: "Statement 1 | …", "Scenario 2 | …", "Premise II"
            .add(CLAIM, "statement", "scenario", "claim", "premise", "assertion", "reason")
            .add(CODE_WORD, "def", "return", "int", "void", "public", "class", "import", "printf", "println", "while", "for")
            .add(HOW, "how")
            .add(MANY_MUCH, "many", "much")
            .add(ROMAN, "i", "ii", "iii");
    private static final String MATH = "+-*/=^<>%√∑∫≤≥×÷";
    private static final boolean[] ASCII_MATH = new boolean[128];
    /** ASCII whitespace as {@link Character#isWhitespace} has it: \t \n \u000B \f \r, 0x1C–0x1F and space. */
    private static final boolean[] ASCII_SPACE = new boolean[128];
    /** ASCII word characters: letters, digits and the apostrophe. */
    private static final boolean[] ASCII_WORD = new boolean[128];
    /** ASCII letters and digits. */
    private static final boolean[] ASCII_ALNUM = new boolean[128];
    private static final int MAX_OPTIONS = 1000;

    static {
        for (char c : MATH.toCharArray()) {
            if (c < 128) ASCII_MATH[c] = true;
        }
        for (int c = 0; c < 128; c++) {
            ASCII_SPACE[c] = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
            ASCII_ALNUM[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            ASCII_WORD[c] = ASCII_ALNUM[c] || c == '\'';
        }
    }
    private static final int MAX_KEYWORD = 12;

    int chars, tokens, tokenChars, longTokens, lines = 1, digits, math, nonAscii, letters, nonLatin, upper;
    int pipes, quotes, formula, questions, negations, secondPerson, firstPerson, computeVerbs, jointClaims;
    int options, optionChars, maxOptionChars, pairedOptions, numericOptions, firstOption = -1;
    boolean code;

    private int previousFlags;
    private boolean codeWordOnLine;
    private int backticks;
    private int lastNonSpace = '\n';

    static TextScan of(String text) {
        TextScan s = new TextScan();
        s.chars = text.length();
        // one copy into an array: a profile showed String.charAt's coder and bounds checks, made on every call, were a
        // good part of the scan; array reads in these loops go without them
        char[] t = text.toCharArray();
        int lineStart = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', lineStart)) {
            s.line(t, lineStart, nl);
            lineStart = nl + 1;
        }
        s.line(t, lineStart, t.length);
        return s;
    }

    /** One line [from, to) of the text: its characters, tokens and words, then whether it is an answer option. */
    private void line(char[] t, int from, int to) {
        if (from > 0) lines++;
        codeWordOnLine = false;
        lastNonSpace = '\n';
        int tokenStart = -1, wordStart = -1;
        for (int i = from; i < to; ) {
            int cp = t[i];
            if (cp < 128 && ASCII_ALNUM[cp]) {
                // A run of ASCII letters and digits, the bulk of most prompts, counted in a tight loop, then the space
                // after it if there is one: the same effect as taking these characters one by one below (each of
                // the run is a word character and no space; the space ends the token and the word).
                if (tokenStart < 0) tokenStart = i;
                if (wordStart < 0) wordStart = i;
                i = alphanumericRun(t, i, to);
                backticks = 0;
                lastNonSpace = t[i - 1];
                if (i < to && t[i] == ' ') {
                    token(i - tokenStart);
                    tokenStart = -1;
                    word(t, wordStart, i);
                    wordStart = -1;
                    i++;
                }
                continue;
            }
            boolean space, wordChar;
            if (cp < 128) { // ASCII is never a surrogate; its classes come from tables
                ascii(cp);
                space = ASCII_SPACE[cp];
                wordChar = ASCII_WORD[cp];
            } else {
                cp = Character.codePointAt(t, i); // the char after the line ('\n') is never a low surrogate
                character(cp);
                space = Character.isWhitespace(cp);
                wordChar = Character.isLetterOrDigit(cp) || cp == '’';
            }
            if (!space && tokenStart < 0) tokenStart = i;
            if (space && tokenStart >= 0) {
                token(i - tokenStart);
                tokenStart = -1;
            }
            if (wordChar && wordStart < 0) wordStart = i;
            if (!wordChar && wordStart >= 0) {
                word(t, wordStart, i);
                wordStart = -1;
            }
            if (codeWordOnLine && (cp == ';' || cp == '{' || cp == '(')) code = true;
            if (!space) lastNonSpace = cp;
            i += cp > 0xFFFF ? 2 : 1;
        }
        if (tokenStart >= 0) token(to - tokenStart);
        if (wordStart >= 0) word(t, wordStart, to);
        if (lastNonSpace == '{' || lastNonSpace == '}' || lastNonSpace == ';') code = true;
        option(t, from, to);
    }

    /** Counts the ASCII letters (and of them the upper-case ones) and digits from {@code from}; returns the run end. */
    private int alphanumericRun(char[] t, int from, int to) {
        int i = from, up = 0, digit = 0;
        for (; i < to; i++) {
            char c = t[i];
            if (c >= 'a' && c <= 'z') continue;
            if (c >= 'A' && c <= 'Z') {
                up++;
            } else if (c >= '0' && c <= '9') {
                digit++;
            } else {
                break;
            }
        }
        letters += i - from - digit;
        upper += up;
        digits += digit;
        return i;
    }

    /**
     * {@link #character} for ASCII other than letters and digits (those are counted by {@link #alphanumericRun}),
     * without Unicode table look-ups or string scans (most prompts are mostly ASCII).
     */
    private void ascii(int cp) {
        backticks = cp == '`' ? backticks + 1 : 0;
        if (backticks >= 3) code = true;
        if (cp == ' ') return;
        if (ASCII_MATH[cp]) math++;
        switch (cp) {
            case '|' -> pipes++;
            case '"' -> quotes++;
            case '$', '\\', '_' -> formula++;
            case '?' -> questions++;
            default -> { }
        }
    }

    private void character(int cp) {
        if (Character.isDigit(cp)) digits++;
        if (MATH.indexOf(cp) >= 0) math++;
        if (cp > 127) nonAscii++;
        if (Character.isLetter(cp)) {
            letters++;
            if (cp > 0x24F && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) nonLatin++;
            if (Character.isUpperCase(cp)) upper++;
        }
        switch (cp) {
            case '|' -> pipes++;
            case '"', '“', '”' -> quotes++;
            case '$', '\\', '_' -> formula++;
            case '?', '？', '؟' -> questions++;
            default -> { }
        }
        backticks = cp == '`' ? backticks + 1 : 0;
        if (backticks >= 3) code = true;
    }

    private void token(int length) {
        tokens++;
        tokenChars += length;
        if (length >= 10) longTokens++;
    }

    /** One word [from, to): keyword counts by packed look-up, no substring or lower-casing per word. */
    private void word(char[] t, int from, int to) {
        if (to - from > MAX_KEYWORD) {
            previousFlags = 0;
            return;
        }
        int flags = KEYWORDS.flags(t, from, to);
        if ((flags & NEGATION) != 0 || endsWithNt(t, from, to)) negations++;
        if ((flags & SECOND_PERSON) != 0) secondPerson++;
        if ((flags & FIRST_PERSON) != 0) firstPerson++;
        if ((flags & COMPUTE) != 0 || ((previousFlags & HOW) != 0 && (flags & MANY_MUCH) != 0)) computeVerbs++;
        if ((previousFlags & CLAIM) != 0 && (Character.isDigit(t[from]) || (flags & ROMAN) != 0)) jointClaims++;
        if ((flags & CODE_WORD) != 0) codeWordOnLine = true;
        previousFlags = flags;
    }

    /** "…n't" or "…n’t", either case: a contracted negation. */
    private static boolean endsWithNt(char[] t, int from, int to) {
        if (to - from < 3) return false;
        char apostrophe = t[to - 2]; // tested first: most words have none
        if (apostrophe != '\'' && apostrophe != '’') return false;
        char n = t[to - 3], tee = t[to - 1];
        return (n == 'n' || n == 'N') && (tee == 't' || tee == 'T');
    }

    /** An option line: optional indent, a letter A–J or digit 1–9, one of . ) :, a space, then the option text. */
    private void option(char[] t, int from, int to) {
        int i = from;
        while (i < to && (t[i] == ' ' || t[i] == '\t')) i++;
        if (i + 2 >= to || options >= MAX_OPTIONS) return;
        char label = t[i], mark = t[i + 1], gap = t[i + 2];
        boolean labelOk = (label >= 'A' && label <= 'J') || (label >= 'a' && label <= 'j') || (label >= '1' && label <= '9');
        if (!labelOk || (mark != '.' && mark != ')' && mark != ':') || (gap != ' ' && gap != '\t')) return;
        int start = i + 3;
        while (start < to && (t[start] == ' ' || t[start] == '\t')) start++;
        options++;
        if (firstOption < 0) firstOption = from;
        int length = to - start;
        optionChars += length;
        maxOptionChars = Math.max(maxOptionChars, length);
        if (paired(t, start, to)) pairedOptions++;
        if (mostlyNumeric(t, start, to)) numericOptions++;
    }

    /** An option judging two things at once: one comma, one or two tokens on each side ("Wrong, Not wrong"). */
    private static boolean paired(char[] t, int from, int to) {
        int comma = -1;
        for (int i = from; i < to; i++) {
            if (t[i] != ',') continue;
            if (comma >= 0) return false; // a second comma
            comma = i;
        }
        if (comma < 0) return false;
        int left = countTokens(t, from, comma), right = countTokens(t, comma + 1, to);
        return left >= 1 && left <= 2 && right >= 1 && right <= 2;
    }

    private static int countTokens(char[] t, int from, int to) {
        int n = 0;
        boolean in = false;
        for (int i = from; i < to; i++) {
            boolean space = Character.isWhitespace(t[i]);
            if (!space && !in) n++;
            in = !space;
        }
        return n;
    }

    /** An option made mostly of digits, operators and symbols rather than letters ("3.2 × 10^4 J"). */
    private static boolean mostlyNumeric(char[] t, int from, int to) {
        int letters = 0, other = 0;
        for (int i = from; i < to; i++) {
            char c = t[i];
            if (Character.isLetter(c)) letters++;
            else if (!Character.isWhitespace(c)) other++;
        }
        return other > 0 && other >= letters;
    }
}
