package dev.rfm.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every exception that leaves a resource into the JSON error body of the contract. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {}

    /** Errors the JAX-RS runtime or a resource raised on purpose keep their status. */
    @Provider
    public static class WebApplicationErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            String code = status.getReasonPhrase() == null
                    ? "HTTP_" + status.getStatusCode()
                    : status.getReasonPhrase().toUpperCase().replace(' ', '_');
            String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                    ? status.getReasonPhrase()
                    : e.getMessage();
            if (status.getStatusCode() == 415) {
                message = "Unsupported Media Type: send the Content-Type this endpoint takes (text/csv for imports,"
                        + " application/json for JSON bodies).";
            }
            return ApiError.response(status.getStatusCode(), code, message, List.of());
        }
    }

    /** Bad arguments from the caller: a 400 that says what was wrong. */
    @Provider
    public static class BadArguments implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return ApiError.response(400, "BAD_REQUEST", e.getMessage(), List.of());
        }
    }

    /** A body that is not valid JSON, wherever it was parsed: a 400 that says where. */
    @Provider
    public static class BadJson implements ExceptionMapper<jakarta.json.JsonException> {
        @Override
        public Response toResponse(jakarta.json.JsonException e) {
            String where =
                    e instanceof jakarta.json.stream.JsonParsingException parsing && parsing.getLocation() != null
                            ? " at line " + parsing.getLocation().getLineNumber() + ", column "
                                    + parsing.getLocation().getColumnNumber()
                            : "";
            return ApiError.response(
                    400, "BAD_JSON", "The body is not valid JSON" + where + ": " + e.getMessage(), List.of());
        }
    }

    /** Anything unexpected: logged with a reference the user can quote, never shown as a stack trace. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
            return ApiError.response(
                    500,
                    "INTERNAL_ERROR",
                    "The server could not complete the request (reference " + reference + " in the server log).",
                    List.of());
        }
    }
}
