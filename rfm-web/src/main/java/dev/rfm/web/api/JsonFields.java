package dev.rfm.web.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The fields of a JSON request body by the types the endpoint expects. A field left out or {@code null} reads as
 * {@code null}; a field of another JSON type reads as {@code null} too and is named in {@link #problems()}, so a
 * request learns about every wrong field at once, next to the rules' own problems.
 *
 * <p>Usage: {@code JsonFields f = new JsonFields(body); new Draft(f.text("name"), f.flag("enabled"));
 * f.problems(Problem::new)}.
 */
public final class JsonFields {

    private final JsonObject body;
    private final Map<String, String> problems = new LinkedHashMap<>();

    /** {@code body} {@code null} (no body) has no fields. */
    public JsonFields(JsonObject body) {
        this.body = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
    }

    public String text(String field) {
        JsonValue v = value(field);
        if (v == null) return null;
        if (v instanceof JsonString s) return s.getString();
        return wrong(field, "must be a string");
    }

    /** A whole number that fits an {@code int}. */
    public Integer wholeNumber(String field) {
        JsonValue v = value(field);
        if (v == null) return null;
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException tooLarge) {
                // named below
            }
        }
        return wrong(field, "must be a whole number");
    }

    /** The id of a stored thing ({@code what}: "a campaign's id"). */
    public Long id(String field, String what) {
        JsonValue v = value(field);
        if (v == null) return null;
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooLarge) {
                // named below
            }
        }
        return wrong(field, "must be " + what + " (a whole number)");
    }

    public Boolean flag(String field) {
        JsonValue v = value(field);
        if (v == null) return null;
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) return v == JsonValue.TRUE;
        return wrong(field, "must be true or false");
    }

    /** A list of strings ({@code what}: "e-mail addresses"). */
    public List<String> texts(String field, String what) {
        JsonValue v = value(field);
        if (v == null) return null;
        if (v.getValueType() == JsonValue.ValueType.ARRAY
                && v.asJsonArray().stream().allMatch(e -> e instanceof JsonString)) {
            return v.asJsonArray().getValuesAs(JsonString::getString);
        }
        return wrong(field, "must be a list of " + what);
    }

    /** Field → problem, in the order the fields were read. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /** The problems as the endpoint's own problem type. */
    public <P> List<P> problems(BiFunction<String, String, P> problem) {
        return problems.entrySet().stream()
                .map(e -> problem.apply(e.getKey(), e.getValue()))
                .toList();
    }

    private JsonValue value(String field) {
        JsonValue v = body.get(field);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    private <T> T wrong(String field, String problem) {
        problems.put(field, problem);
        return null;
    }
}
