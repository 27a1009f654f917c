package dev.rfm.web.source;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a data source as a request gives them; {@link #problems()} names the fields of a wrong JSON type.
 * {@code password} {@code null} means "not given" (keep the stored one on a change).
 */
public record SourceFields(
        String name,
        String jdbcUrl,
        String user,
        String password,
        String query,
        String watermarkColumn,
        String schedule,
        Integer overlapMinutes,
        Boolean enabled,
        Map<String, String> problems) {

    public SourceFields {
        problems = Map.copyOf(problems);
    }

    static SourceFields of(JsonObject body) {
        Map<String, String> problems = new LinkedHashMap<>();
        JsonObject b = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        return new SourceFields(
                text(b, "name", problems),
                text(b, "jdbcUrl", problems),
                text(b, "user", problems),
                text(b, "password", problems),
                text(b, "query", problems),
                text(b, "watermarkColumn", problems),
                text(b, "schedule", problems),
                number(b, "overlapMinutes", problems),
                flag(b, "enabled", problems),
                problems);
    }

    private static String text(JsonObject body, String field, Map<String, String> problems) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        problems.put(field, "must be a string");
        return null;
    }

    private static Integer number(JsonObject body, String field, Map<String, String> problems) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException tooLarge) {
                // falls through to the problem
            }
        }
        problems.put(field, "must be a whole number");
        return null;
    }

    private static Boolean flag(JsonObject body, String field, Map<String, String> problems) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        problems.put(field, "must be true or false");
        return null;
    }
}
