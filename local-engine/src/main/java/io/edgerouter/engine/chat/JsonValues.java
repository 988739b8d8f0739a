package io.edgerouter.engine.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the plain values a template sees, the way Python's {@code json.loads} makes them: objects keep their key
 * order, {@code 7} is an integer and {@code 7.0} or {@code 1e-05} a float, null stays null.
 */
final class JsonValues {

    private JsonValues() {
    }

    static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
            return map;
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> list.add(toJava(x)));
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String text = p.getAsString();
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                return Double.parseDouble(text);
            }
            BigInteger n = new BigInteger(text);
            return n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        return p.getAsString();
    }
}
