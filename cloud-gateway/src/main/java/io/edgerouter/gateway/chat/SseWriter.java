package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events ({@code data: ...} + blank line), flushing each so the client sees it at once. */
final class SseWriter {

    static final String DONE = "[DONE]";

    private final OutputStream out;
    private final ObjectMapper json;

    SseWriter(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    void event(Object payload) {
        try {
            data(json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an SSE event", e);
        }
    }

    /** Writes one {@code data:} line as given (already JSON, or {@code [DONE]}). */
    void data(String text) {
        raw("data: " + text + "\n\n");
    }

    void raw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away while streaming", e);
        }
    }
}
