package io.theriseunion.imagegateway.app.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.List;
import java.util.Locale;

/**
 * Reads one field of a resource document (Repository or RegistrySource): null when it is absent or null, its
 * value when it has the type the field needs, and otherwise null with a violation naming its path and the rule.
 */
final class DocumentNodes {

    private DocumentNodes() {
    }

    static JsonNode object(List<Violation> problems, JsonNode parent, String name, String path) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(path, "must be an object"));
            return null;
        }
        return node;
    }

    static String text(List<Violation> problems, JsonNode parent, String name, String path) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Violation(path, "must be a string" + (node.isValueNode() ? "; quote the value (it reads as"
                    + " the " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node.asText() + ")" : "")));
            return null;
        }
        return node.textValue();
    }

    static Integer integer(List<Violation> problems, JsonNode parent, String name, String path) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new Violation(path, "must be an integer"));
            return null;
        }
        return node.intValue();
    }

    static Boolean bool(List<Violation> problems, JsonNode parent, String name, String path) {
        JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            problems.add(new Violation(path, "must be true or false"));
            return null;
        }
        return node.booleanValue();
    }
}
