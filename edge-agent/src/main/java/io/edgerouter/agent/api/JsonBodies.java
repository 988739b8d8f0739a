package io.edgerouter.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.openai.InvalidRequestException;

import java.io.IOException;
import java.util.stream.Collectors;

/** Reads JSON request bodies into records, turning every mistake into a 400 that names the field. */
final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body size limit for bodies that arrive without a Content-Length (chunked), which {@link ApiGuard}
     * cannot check up front.
     */
    static byte[] within(byte[] body, int maxBytes) {
        if (body != null && body.length > maxBytes) {
            throw new ApiErrors.PayloadTooLargeException(maxBytes);
        }
        return body;
    }

    static <T> T read(ObjectMapper mapper, byte[] body, int maxBytes, Class<T> type) {
        within(body, maxBytes);
        var tree = ChatRequestReader.parseTree(body); // strict UTF-8, valid JSON, clear errors
        if (!tree.isObject()) {
            throw new InvalidRequestException("", "must be a JSON object");
        }
        try {
            return strict(mapper).readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new InvalidRequestException(path, rule(e));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("", "cannot read the body: " + e.getMessage());
        }
    }

    private static volatile ObjectMapper strict;

    /** The app's mapper, but a number or boolean where a string belongs is an error, not silently converted. */
    private static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper m = strict;
        if (m == null) {
            m = base.copy();
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean}) {
                m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            }
            m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            strict = m;
        }
        return m;
    }

    private static String rule(JsonMappingException e) {
        String msg = e.getOriginalMessage();
        if (msg.startsWith("Cannot deserialize value of type")) {
            int from = msg.indexOf('`');
            int to = from < 0 ? -1 : msg.indexOf('`', from + 1);
            String type = from >= 0 && to > from ? msg.substring(from + 1, to).replaceAll(".*\\.", "") : "the expected type";
            return "has the wrong type (expected " + type.toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return msg.lines().findFirst().orElse(msg);
    }
}
