package dev.rfm.web.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON-P request bodies ({@link JsonObject}, {@link JsonArray}) so that a body that is not JSON, or not the
 * shape the endpoint takes, is a {@code 400} that says what is wrong and where ("line 1, column 2"), never a
 * {@code 500}. An empty body is no body ({@code null}): endpoints decide whether they need one. Declared for
 * {@link JsonStructure}, closer to the parameters' types than the server's JSON-P reader (declared for
 * {@link JsonValue}), so this one is chosen; {@link ErrorMappers.BadJson} answers any parse error that gets past it.
 */
@Provider
@jakarta.annotation.Priority(jakarta.ws.rs.Priorities.ENTITY_CODER)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
public class JsonpBodies implements MessageBodyReader<JsonStructure> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class || type == JsonArray.class || type == JsonStructure.class;
    }

    @Override
    public JsonStructure readFrom(
            Class<JsonStructure> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream) {
        BufferedInputStream in = new BufferedInputStream(entityStream);
        JsonValue value;
        try {
            in.mark(1);
            if (in.read() == -1) return null;
            in.reset();
            try (JsonReader reader = Json.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                value = reader.readValue();
            }
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw new BadRequestException("The body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber())
                    + ": " + e.getMessage());
        } catch (JsonException | java.io.IOException e) {
            throw new BadRequestException("The body is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) { // Parsson's depth limit ("Input is too deeply nested 1,000")
            throw new BadRequestException("The body is not valid JSON here: " + e.getMessage());
        }
        if (!type.isInstance(value)) {
            throw new BadRequestException("The body must be a JSON " + expected(type) + ", not " + kind(value) + ".");
        }
        return (JsonStructure) value;
    }

    private static String expected(Class<?> type) {
        return type == JsonObject.class ? "object" : type == JsonArray.class ? "array" : "object or array";
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "true or false";
            case NULL -> "null";
        };
    }
}
