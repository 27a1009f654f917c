package dev.rfm.web.user;

import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /api/users}: ADMINs manage users; everyone changes their own password. Never shows a password or hash. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

    @Inject
    UserDirectory directory;

    @Context
    SecurityContext security;

    /** The contract's view of a user; {@code lastLoginAt} is {@code null} until the first sign-in, not missing. */
    @JsonbNillable
    public record UserView(
            String username,
            String role,
            boolean enabled,
            boolean mustChangePassword,
            LocalDateTime createdAt,
            LocalDateTime lastLoginAt) {
        static UserView of(UserAccount u) {
            return new UserView(
                    u.getUsername(),
                    u.getRole().name(),
                    u.isEnabled(),
                    u.isMustChangePassword(),
                    u.getCreatedAt(),
                    u.getLastLoginAt());
        }
    }

    @GET
    @Operation(summary = "Every user with role, state, creation and last sign-in (ADMIN)")
    public List<UserView> all() {
        return directory.all().stream().map(UserView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a user (ADMIN)",
            description = "Body {username, password (12+ characters), role: ADMIN|ANALYST|VIEWER, mustChangePassword"
                    + " (optional, default false)}. 201; 409 when the name exists; 400 naming what is wrong.")
    public Response create(JsonObject body) {
        try {
            UserAccount created = directory.create(
                    text(body, "username"),
                    text(body, "password"),
                    text(body, "role"),
                    flag(body, "mustChangePassword", false),
                    caller());
            return Response.status(201).entity(UserView.of(created)).build();
        } catch (UserDirectory.Refused e) {
            return refused(e);
        }
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a user's role, enabled state or password (ADMIN)",
            description = "Any of {role, enabled, password, mustChangePassword}. A password set here must be changed"
                    + " by its owner at the next sign-in unless mustChangePassword is false. 409 when it would leave"
                    + " no enabled ADMIN.")
    public Response update(@PathParam("username") String username, JsonObject body) {
        try {
            return directory
                    .update(
                            username,
                            text(body, "role"),
                            flag(body, "enabled", null),
                            text(body, "password"),
                            flag(body, "mustChangePassword", null),
                            caller())
                    .map(u -> Response.ok(UserView.of(u)).build())
                    .orElseGet(() -> ApiError.response(
                            Response.Status.NOT_FOUND, "NOT_FOUND", "No user named '" + username + "'."));
        } catch (UserDirectory.Refused e) {
            return refused(e);
        }
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME})
    @Operation(
            summary = "Change your own password (any role)",
            description = "Body {currentPassword, newPassword}. 204; 403 when the current password is wrong; 400"
                    + " when the new one is too weak.")
    public Response changeOwnPassword(JsonObject body) {
        try {
            directory.changeOwnPassword(caller(), text(body, "currentPassword"), text(body, "newPassword"));
            return Response.noContent().build();
        } catch (UserDirectory.Refused e) {
            return refused(e);
        }
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private static Response refused(UserDirectory.Refused e) {
        int status =
                switch (e.kind()) {
                    case INVALID -> 400;
                    case CONFLICT -> 409;
                    case WRONG_PASSWORD -> 403;
                };
        String code =
                switch (e.kind()) {
                    case INVALID -> "BAD_REQUEST";
                    case CONFLICT -> "CONFLICT";
                    case WRONG_PASSWORD -> "WRONG_PASSWORD";
                };
        return ApiError.response(status, code, e.getMessage(), List.of());
    }

    private static String text(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new IllegalArgumentException("Field '" + field + "' must be a string.");
        }
        return string.getString();
    }

    private static Boolean flag(JsonObject body, String field, Boolean otherwise) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return otherwise;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new IllegalArgumentException("Field '" + field + "' must be true or false.");
    }
}
