package dev.rfm.web.source;

import dev.rfm.web.api.JsonFields;
import jakarta.json.JsonObject;
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
        JsonFields f = new JsonFields(body);
        return new SourceFields(
                f.text("name"),
                f.text("jdbcUrl"),
                f.text("user"),
                f.text("password"),
                f.text("query"),
                f.text("watermarkColumn"),
                f.text("schedule"),
                f.wholeNumber("overlapMinutes"),
                f.flag("enabled"),
                f.problems());
    }
}
