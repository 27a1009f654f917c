package dev.rfm.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fields read by their expected types; every field of another type is named, none stops the others. */
class JsonFieldsTest {

    private static JsonObject body(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void fieldsOfTheExpectedTypesAreRead() {
        JsonFields f = new JsonFields(body(
                "{\"name\":\"Weekly\",\"top\":10,\"on\":false,\"campaignId\":9007199254740993,\"to\":[\"a@b.c\"]}"));
        assertThat(f.text("name")).isEqualTo("Weekly");
        assertThat(f.wholeNumber("top")).isEqualTo(10);
        assertThat(f.flag("on")).isFalse();
        assertThat(f.id("campaignId", "a campaign's id")).isEqualTo(9_007_199_254_740_993L);
        assertThat(f.texts("to", "e-mail addresses")).containsExactly("a@b.c");
        assertThat(f.text("missing")).isNull();
        assertThat(f.problems()).isEmpty();
    }

    @Test
    void everyFieldOfAnotherTypeIsNamedAndReadsAsNull() {
        JsonFields f = new JsonFields(body("{\"name\":7,\"top\":1.5,\"big\":3000000000,\"on\":\"yes\",\"id\":1e30,"
                + "\"to\":[\"a@b.c\",3],\"gone\":null}"));
        assertThat(f.text("name")).isNull();
        assertThat(f.wholeNumber("top")).isNull();
        assertThat(f.wholeNumber("big")).isNull();
        assertThat(f.flag("on")).isNull();
        assertThat(f.id("id", "a campaign's id")).isNull();
        assertThat(f.texts("to", "e-mail addresses")).isNull();
        assertThat(f.text("gone")).isNull();
        assertThat(f.problems(Map::entry))
                .containsExactly(
                        Map.entry("name", "must be a string"),
                        Map.entry("top", "must be a whole number"),
                        Map.entry("big", "must be a whole number"),
                        Map.entry("on", "must be true or false"),
                        Map.entry("id", "must be a campaign's id (a whole number)"),
                        Map.entry("to", "must be a list of e-mail addresses"));
    }

    @Test
    void noBodyHasNoFields() {
        JsonFields f = new JsonFields(null);
        assertThat(f.text("name")).isNull();
        assertThat(f.problems(Map::entry)).isEqualTo(List.of());
    }
}
