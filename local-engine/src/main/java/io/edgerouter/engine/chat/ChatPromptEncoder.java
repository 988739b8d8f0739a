package io.edgerouter.engine.chat;

import io.edgerouter.engine.InvalidRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tokenises rendered chat messages with each message's content as data: a user who types {@code <|im_end|>} gets the
 * characters, not the control token, while the template's own markers stay control tokens. Messages without
 * special-token text take the plain path (the rendered prompt through {@link EngineTokenizer#encode(String)}), so
 * their ids are what they always were.
 *
 * <p>To find where each content sits in the rendered prompt without knowing the template, the messages are rendered
 * a second time with placeholder contents; the text around the placeholders is the template's own, and the real
 * rendering must be that text with each content (as written, or stripped) in between. Anchoring on the template's
 * text, rather than searching for the content, keeps a content that repeats the template's markers (a user typing
 * {@code <|im_start|>user}) from being matched in the template's place.
 */
public final class ChatPromptEncoder {

    private final EngineTokenizer tokenizer;

    public ChatPromptEncoder(EngineTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @param render the chat template (or transcript) as a function of the messages; it may strip contents
     * @throws InvalidRequestException naming {@code messages[i].content} when a content holding special-token text
     *                                 cannot be located in the rendered prompt, or also holds a reserved
     *                                 noncharacter (U+FDD0–U+FDEF)
     */
    public int[] encode(List<ChatMessage> messages, Function<List<ChatMessage>, String> render) {
        String rendered = render.apply(messages);
        List<Optional<String>> injected = new ArrayList<>();
        for (ChatMessage m : messages) {
            injected.add(tokenizer.findSpecialText(m.content()));
        }
        if (injected.stream().noneMatch(Optional::isPresent)) {
            return tokenizer.encode(rendered);
        }
        for (int i = 0; i < messages.size(); i++) {
            String content = messages.get(i).content();
            int reserved = PlainTextTokenizer.firstReserved(content);
            if (reserved >= 0) {
                throw new InvalidRequestException("messages[" + i + "].content holds U+"
                        + Integer.toHexString(content.charAt(reserved)).toUpperCase(Locale.ROOT)
                        + ", a Unicode noncharacter (U+FDD0–U+FDEF) the engine reserves for marking control tokens,"
                        + " in a prompt whose messages hold special-token text");
            }
        }
        Layout layout = Layout.of(rendered, messages, render);
        for (int i = 0; i < messages.size(); i++) {
            if (injected.get(i).isPresent() && !layout.located(i)) {
                throw new InvalidRequestException("messages[" + i + "].content holds special-token text ("
                        + injected.get(i).get() + ") but the chat template does not insert it as written or stripped,"
                        + " so it cannot be kept apart from the template's own control tokens");
            }
        }
        return tokenizer.encode(layout.parts());
    }

    /** The rendered prompt cut into template text and the contents located in it. */
    private record Layout(List<PromptPart> parts, boolean[] located) {

        private static final String PROBE_START = "\uFDD2";

        boolean located(int message) {
            return located[message];
        }

        static Layout of(String rendered, List<ChatMessage> messages, Function<List<ChatMessage>, String> render) {
            List<String> pieces = templatePieces(messages, render);
            List<PromptPart> parts = new ArrayList<>();
            boolean[] located = new boolean[messages.size()];
            int pos = 0;
            for (int i = 0; i + 1 < pieces.size(); i++) { // pieces.get(i) precedes content i
                String before = pieces.get(i);
                if (!rendered.startsWith(before, pos)) {
                    break;
                }
                boolean last = i + 2 == pieces.size() && pieces.size() == messages.size() + 1;
                String content = contentAt(rendered, pos + before.length(), messages.get(i).content(),
                        pieces.get(i + 1), last);
                if (content == null) {
                    break;
                }
                parts.add(PromptPart.control(before));
                parts.add(PromptPart.data(content));
                located[i] = true;
                pos += before.length() + content.length();
            }
            parts.add(PromptPart.control(rendered.substring(pos)));
            return new Layout(parts, located);
        }

        /**
         * The template's text between the contents: the messages rendered with a placeholder content each, cut at the
         * placeholders. Holds fewer than messages + 1 pieces when the template drops or reorders a message.
         */
        private static List<String> templatePieces(List<ChatMessage> messages,
                                                   Function<List<ChatMessage>, String> render) {
            List<ChatMessage> probes = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                probes.add(new ChatMessage(messages.get(i).role(), probe(i)));
            }
            String probe = render.apply(probes);
            List<String> pieces = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < messages.size(); i++) {
                int at = probe.indexOf(probe(i), from);
                if (at < 0) { // the template's text up to the next placeholder still follows content i - 1
                    int next = probe.indexOf(PROBE_START, from);
                    pieces.add(probe.substring(from, next < 0 ? probe.length() : next));
                    return pieces;
                }
                pieces.add(probe.substring(from, at));
                from = at + probe(i).length();
            }
            pieces.add(probe.substring(from));
            return pieces;
        }

        /** A content no real message can hold (reserved noncharacters are rejected before). */
        private static String probe(int i) {
            return PROBE_START + i + "\uFDD3";
        }

        /**
         * The content as it appears at {@code pos} (as written, else stripped), followed by the template's next text
         * ({@code after}; all the rest of the prompt when {@code last}), or null.
         */
        private static String contentAt(String rendered, int pos, String content, String after, boolean last) {
            for (String candidate : new String[] {content, content.strip()}) {
                int end = pos + candidate.length();
                if (rendered.startsWith(candidate, pos)
                        && (last ? rendered.substring(end).equals(after) : rendered.startsWith(after, end))) {
                    return candidate;
                }
            }
            return null;
        }
    }
}
