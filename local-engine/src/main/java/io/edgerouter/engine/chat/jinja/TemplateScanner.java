package io.edgerouter.engine.chat.jinja;

import com.hubspot.jinjava.el.ext.ExtendedScanner;
import jinjava.de.odysseus.el.tree.impl.Scanner;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Jinjava's expression scanner with two things Python's Jinja has: the third part of a slice ({@code messages[::-1]},
 * {@code s[a:b:c]}), which Jinjava's grammar lacks, and Python's string escapes ({@code \u00e9}, {@code \x41},
 * unknown escapes kept as written), where Jinjava rejects all but a few.
 *
 * <p>A slice's second colon is handed to the parser as its own token: {@link #STEP_AFTER_START} when nothing stands
 * between the two colons (a unary operator on the step), {@link #STEP_AFTER_STOP} after a stop (a binary one).
 */
final class TemplateScanner extends ExtendedScanner {

    // both stand for one ':' (the scanner advances by the image's length); the parser tells them apart by identity
    static final Scanner.ExtensionToken STEP_AFTER_START = new Scanner.ExtensionToken(":");
    static final Scanner.ExtensionToken STEP_AFTER_STOP = new Scanner.ExtensionToken(":");

    /** Per open bracket: '[' frames count their colons, '(' and '{' frames stop the counting inside them. */
    private final Deque<int[]> brackets = new ArrayDeque<>();
    private boolean afterColon;

    TemplateScanner(String input) {
        super(input);
    }

    @Override
    protected Token nextToken() throws ScanException {
        boolean eval = isEval();
        Token token = super.nextToken();
        if (!eval) {
            return token;
        }
        String image = token.getImage();
        boolean colon = token.getSymbol() == Symbol.COLON;
        if (colon && !brackets.isEmpty() && brackets.peek()[0] == '[' && ++brackets.peek()[1] == 2) {
            Token step = afterColon ? STEP_AFTER_START : STEP_AFTER_STOP;
            afterColon = false;
            return step;
        }
        afterColon = colon;
        switch (image) {
            case "[", "(", "{" -> brackets.push(new int[] {image.charAt(0), 0});
            case "]", ")", "}" -> {
                if (!brackets.isEmpty()) {
                    brackets.pop();
                }
            }
            default -> { }
        }
        return token;
    }

    /** A string literal with Python's escapes (Jinja reads literals with Python's {@code unicode-escape}). */
    @Override
    protected Token nextString() throws ScanException {
        builder.setLength(0);
        String input = getInput();
        char quote = input.charAt(getPosition());
        int i = getPosition() + 1;
        while (i < input.length()) {
            char c = input.charAt(i++);
            if (c == quote) {
                return token(Symbol.STRING, builder.toString(), i - getPosition());
            }
            if (c != '\\' || i == input.length()) {
                builder.append(c);
                continue;
            }
            i = escape(input, i);
        }
        throw new ScanException(getPosition(), "unterminated string", String.valueOf(quote));
    }

    /** Appends the escape whose letter is at {@code i}; returns the index after it. */
    private int escape(String input, int i) throws ScanException {
        char e = input.charAt(i++);
        switch (e) {
            case 'n' -> builder.append('\n');
            case 't' -> builder.append('\t');
            case 'r' -> builder.append('\r');
            case 'b' -> builder.append('\b');
            case 'f' -> builder.append('\f');
            case 'v' -> builder.append('\u000B');
            case 'a' -> builder.append('\u0007');
            case '\\', '\'', '"' -> builder.append(e);
            case '\n' -> { } // a line continuation
            case 'x' -> {
                return hex(input, i, 2);
            }
            case 'u' -> {
                return hex(input, i, 4);
            }
            case 'U' -> {
                return hex(input, i, 8);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = i - 1;
                    while (end < input.length() && end < i + 2 && input.charAt(end) >= '0'
                            && input.charAt(end) <= '7') {
                        end++;
                    }
                    builder.appendCodePoint(Integer.parseInt(input.substring(i - 1, end), 8));
                    return end;
                }
                builder.append('\\').append(e); // Python keeps an unknown escape as written
            }
        }
        return i;
    }

    private int hex(String input, int i, int digits) throws ScanException {
        if (i + digits > input.length()) {
            throw new ScanException(getPosition(), "truncated \\x, \\u or \\U escape", digits + " hex digits");
        }
        try {
            builder.appendCodePoint(Integer.parseUnsignedInt(input.substring(i, i + digits), 16));
        } catch (IllegalArgumentException ex) {
            throw new ScanException(getPosition(), "bad escape \\" + input.substring(i - 1, i + digits),
                    digits + " hex digits");
        }
        return i + digits;
    }
}
