package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Kustomize's strategic merge patch, as far as these manifests need it: objects merge field by
 * field, {@code null} deletes a field, lists of objects with a {@code name} (containers, env,
 * volumes, ports) merge by name, any other list is replaced.
 */
final class MergePatch {

    private MergePatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!(target instanceof ObjectNode t) || !(patch instanceof ObjectNode p)) {
            return patch.deepCopy();
        }
        ObjectNode result = t.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode old = result.get(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                result.remove(field.getKey());
            } else if (old != null && old.isObject() && value.isObject()) {
                result.set(field.getKey(), apply(old, value));
            } else if (old != null && namedList(old) && namedList(value)) {
                result.set(field.getKey(), mergeByName((ArrayNode) old, (ArrayNode) value));
            } else {
                result.set(field.getKey(), value.deepCopy());
            }
        }
        return result;
    }

    private static ArrayNode mergeByName(ArrayNode target, ArrayNode patch) {
        ArrayNode result = target.deepCopy();
        for (JsonNode item : patch) {
            int at = indexOf(result, item.get("name").asText());
            if (at < 0) {
                result.add(item.deepCopy());
            } else {
                result.set(at, apply(result.get(at), item));
            }
        }
        return result;
    }

    static int indexOf(JsonNode list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).path("name").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean namedList(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }
}
