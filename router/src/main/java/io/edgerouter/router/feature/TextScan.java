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
    private static final int MAX_OPTIONS = 1000;

    static {
        for (char c : MATH.toCharArray()) {
            if (c < 128) ASCII_MATH[c] = true;
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

    static TextScan of(String t) {
        TextScan s = new TextScan();
        s.chars = t.length();
        int lineStart = 0;
        for (int i = 0; i <= t.length(); i++) {
            if (i == t.length() || t.charAt(i) == '\n') {
                s.line(t, lineStart, i);
                lineStart = i + 1;
            }
        }
        return s;
    }

    /** One line [from, to) of the text: its characters, tokens and words, then whether it is an answer option. */
    private void line(String t, int from, int to) {
        if (from > 0) lines++;
        codeWordOnLine = false;
        lastNonSpace = '\n';
        int tokenStart = -1, wordStart = -1;
        for (int i = from; i < to; ) {
            int cp = t.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 128) {
                ascii(cp);
            } else {
                character(cp);
            }
            boolean space = cp < 128 ? cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1C && cp <= 0x1F)
                    : Character.isWhitespace(cp);
            if (!space && tokenStart < 0) tokenStart = i;
            if (space && tokenStart >= 0) {
                token(i - tokenStart);
                tokenStart = -1;
            }
            boolean wordChar = cp < 128 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                    || cp == '\'' : Character.isLetterOrDigit(cp) || cp == '’';
            if (wordChar && wordStart < 0) wordStart = i;
            if (!wordChar && wordStart >= 0) {
                word(t, wordStart, i);
                wordStart = -1;
            }
            if (codeWordOnLine && (cp == ';' || cp == '{' || cp == '(')) code = true;
            if (!space) lastNonSpace = cp;
            i = next;
        }
        if (tokenStart >= 0) token(to - tokenStart);
        if (wordStart >= 0) word(t, wordStart, to);
        if (lastNonSpace == '{' || lastNonSpace == '}' || lastNonSpace == ';') code = true;
        option(t, from, to);
    }

    /** {@link #character} for ASCII, without Unicode table look-ups or string scans (most prompts are mostly ASCII). */
    private void ascii(int cp) {
        if (cp >= 'a' && cp <= 'z') {
            letters++;
            backticks = 0;
            return;
        }
        if (cp >= 'A' && cp <= 'Z') {
            letters++;
            upper++;
            backticks = 0;
            return;
        }
        if (cp >= '0' && cp <= '9') {
            digits++;
            backticks = 0;
            return;
        }
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
    private void word(String t, int from, int to) {
        if (to - from > MAX_KEYWORD) {
            previousFlags = 0;
            return;
        }
        int flags = KEYWORDS.flags(t, from, to);
        if ((flags & NEGATION) != 0 || endsWithNt(t, from, to)) negations++;
        if ((flags & SECOND_PERSON) != 0) secondPerson++;
        if ((flags & FIRST_PERSON) != 0) firstPerson++;
        if ((flags & COMPUTE) != 0 || ((previousFlags & HOW) != 0 && (flags & MANY_MUCH) != 0)) computeVerbs++;
        if ((previousFlags & CLAIM) != 0 && (Character.isDigit(t.charAt(from)) || (flags & ROMAN) != 0)) jointClaims++;
        if ((flags & CODE_WORD) != 0) codeWordOnLine = true;
        previousFlags = flags;
    }

    /** "…n't" or "…n’t", either case: a contracted negation. */
    private static boolean endsWithNt(String t, int from, int to) {
        if (to - from < 3) return false;
        char n = t.charAt(to - 3), apostrophe = t.charAt(to - 2), tee = t.charAt(to - 1);
        return (n == 'n' || n == 'N') && (apostrophe == '\'' || apostrophe == '’') && (tee == 't' || tee == 'T');
    }

    /** An option line: optional indent, a letter A–J or digit 1–9, one of . ) :, a space, then the option text. */
    private void option(String t, int from, int to) {
        int i = from;
        while (i < to && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
        if (i + 2 >= to || options >= MAX_OPTIONS) return;
        char label = t.charAt(i), mark = t.charAt(i + 1), gap = t.charAt(i + 2);
        boolean labelOk = (label >= 'A' && label <= 'J') || (label >= 'a' && label <= 'j') || (label >= '1' && label <= '9');
        if (!labelOk || (mark != '.' && mark != ')' && mark != ':') || (gap != ' ' && gap != '\t')) return;
        int start = i + 3;
        while (start < to && (t.charAt(start) == ' ' || t.charAt(start) == '\t')) start++;
        options++;
        if (firstOption < 0) firstOption = from;
        int length = to - start;
        optionChars += length;
        maxOptionChars = Math.max(maxOptionChars, length);
        if (paired(t, start, to)) pairedOptions++;
        if (mostlyNumeric(t, start, to)) numericOptions++;
    }

    /** An option judging two things at once: one comma, one or two tokens on each side ("Wrong, Not wrong"). */
    private static boolean paired(String t, int from, int to) {
        int comma = t.indexOf(',', from);
        if (comma < 0 || comma >= to || t.indexOf(',', comma + 1) >= 0 && t.indexOf(',', comma + 1) < to) return false;
        int left = countTokens(t, from, comma), right = countTokens(t, comma + 1, to);
        return left >= 1 && left <= 2 && right >= 1 && right <= 2;
    }

    private static int countTokens(String t, int from, int to) {
        int n = 0;
        boolean in = false;
        for (int i = from; i < to; i++) {
            boolean space = Character.isWhitespace(t.charAt(i));
            if (!space && !in) n++;
            in = !space;
        }
        return n;
    }

    /** An option made mostly of digits, operators and symbols rather than letters ("3.2 × 10^4 J"). */
    private static boolean mostlyNumeric(String t, int from, int to) {
        int letters = 0, other = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (Character.isLetter(c)) letters++;
            else if (!Character.isWhitespace(c)) other++;
        }
        return other > 0 && other >= letters;
    }
}
