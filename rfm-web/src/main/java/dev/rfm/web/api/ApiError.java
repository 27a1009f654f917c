package dev.rfm.web.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The body of every error answer.
 *
 * @param error a stable code a client can branch on, e.g. {@code NOT_FOUND}, {@code MISSING_COLUMNS}
 * @param message a sentence for people
 * @param details more specific items, e.g. one per problem found
 */
public record ApiError(String error, String message, List<?> details) {

    public static Response response(Response.Status status, String error, String message) {
        return response(status.getStatusCode(), error, message, List.of());
    }

    public static Response response(int status, String error, String message, List<?> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, message, details))
                .build();
    }
}
