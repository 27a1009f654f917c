package dev.rfm.web.api;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Path;

/**
 * JSON bodies always go through Jakarta JSON Binding with its default configuration (ISO dates such as {@code
 * "1997-10-01"}, null fields left out), whatever the server prefers: an application's own provider is chosen before
 * the server's built-in ones. Without it, RESTEasy (WildFly) switches to Jackson as soon as it finds a Jackson
 * annotation anywhere in the deployment (flyway-core has some), and dates came out as {@code [1997,10,1]} with nulls.
 * JSON-P values ({@link JsonValue}) and raw bodies are left to the server's providers.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonbBodies implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private volatile Jsonb jsonb;

    private Jsonb jsonb() {
        Jsonb j = jsonb;
        if (j == null) {
            synchronized (this) {
                j = jsonb;
                if (j == null) {
                    j = JsonbBuilder.create();
                    jsonb = j;
                }
            }
        }
        return j;
    }

    static boolean handles(Class<?> type) {
        return !(JsonValue.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type)
                || type == byte[].class
                || InputStream.class.isAssignableFrom(type)
                || Reader.class.isAssignableFrom(type)
                || StreamingOutput.class.isAssignableFrom(type)
                || File.class.isAssignableFrom(type)
                || Path.class.isAssignableFrom(type));
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type);
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        try {
            return jsonb().fromJson(entityStream, genericType != null ? genericType : type);
        } catch (JsonbException e) {
            throw new BadRequestException("Not valid JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type);
    }

    @Override
    public void writeTo(
            Object value,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream)
            throws IOException {
        Type declared = genericType != null && genericType != Object.class ? genericType : type;
        jsonb().toJson(value, declared, entityStream);
    }
}
