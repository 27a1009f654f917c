package dev.rfm.web.source;

import dev.rfm.domain.source.InvalidSourceException;
import dev.rfm.domain.source.SourceDefinition;
import dev.rfm.domain.source.SourcePreview;
import dev.rfm.domain.source.StoredSource;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/sources}: the source systems orders are pulled from (ADMIN only: a source holds credentials and runs SQL
 * on another system). The password is write-only: no answer ever carries it or its encrypted form.
 */
@Path("sources")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class SourceResource {

    @Inject
    SourceDesk desk;

    @Context
    SecurityContext security;

    /** A source as the API shows it; {@code watermark} is how far committed pulls have read ({@code null}: none). */
    @JsonbNillable
    public record SourceView(
            long id,
            String name,
            String jdbcUrl,
            String user,
            boolean hasPassword,
            String query,
            String watermarkColumn,
            String schedule,
            int overlapMinutes,
            boolean enabled,
            String watermark,
            LocalDateTime createdAt,
            LocalDateTime updatedAt) {

        static SourceView of(StoredSource s) {
            SourceDefinition d = s.definition();
            return new SourceView(
                    s.id(),
                    d.name(),
                    d.jdbcUrl(),
                    d.user(),
                    s.hasPassword(),
                    d.query(),
                    d.watermarkColumn(),
                    d.schedule().text(),
                    d.overlapMinutes(),
                    d.enabled(),
                    s.watermark() == null ? null : s.watermark().value(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    @GET
    @Operation(summary = "Every data source, by name (ADMIN); never a password")
    public List<SourceView> all() throws SQLException {
        return desk.sources().all().stream().map(SourceView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One data source (ADMIN)")
    public Response find(@PathParam("id") long id) throws SQLException {
        return desk.sources()
                .find(id)
                .map(s -> Response.ok(SourceView.of(s)).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a data source (ADMIN)",
            description = "Body {name, jdbcUrl, user, password (write-only, stored encrypted), query (one SELECT"
                    + " returning customer_id, order_id, order_date, amount and optional quantity, channel,"
                    + " customer_name, customer_email), watermarkColumn, schedule ('' = by hand, 'HH:mm' daily,"
                    + " 'every N minutes'), overlapMinutes (default 5), enabled (default true)}. 201; 400 naming each"
                    + " invalid field.")
    public Response create(JsonObject body) throws SQLException {
        SourceFields fields = SourceFields.of(body);
        try {
            SourceDefinition definition = checked(fields);
            return Response.status(201)
                    .entity(SourceView.of(desk.sources().create(definition, fields.password())))
                    .build();
        } catch (InvalidSourceException e) {
            return invalid(e.problems());
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a data source (ADMIN)",
            description = "The same body as POST; a password left out keeps the stored one, an empty one removes it."
                    + " A changed jdbcUrl or watermarkColumn makes the next pull read everything again (stored orders"
                    + " are skipped as duplicates).")
    public Response update(@PathParam("id") long id, JsonObject body) throws SQLException {
        SourceFields fields = SourceFields.of(body);
        try {
            SourceDefinition definition = checked(fields);
            return desk.sources()
                    .update(id, definition, fields.password())
                    .map(s -> Response.ok(SourceView.of(s)).build())
                    .orElseGet(() -> notFound(id));
        } catch (InvalidSourceException e) {
            return invalid(e.problems());
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a data source (ADMIN); its pulls stay in the import history")
    public Response delete(@PathParam("id") long id) throws SQLException {
        return desk.sources().delete(id) ? Response.noContent().build() : notFound(id);
    }

    @POST
    @Path("{id}/test")
    @Operation(
            summary = "Test a data source's connection and query (ADMIN)",
            description = "Connects, runs the query with a statement timeout and answers the first 20 rows, never"
                    + " more: {connected, ready, columns, rows, missingColumns, watermarkKind, problems, error}.")
    public Response test(@PathParam("id") long id) throws SQLException {
        var source = desk.sources().find(id);
        if (source.isEmpty()) {
            return notFound(id);
        }
        return tested(() -> desk.preview(source.get()));
    }

    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Test a data source before saving it (ADMIN)",
            description = "The body of POST /api/sources, password included; nothing is stored. The answer of POST"
                    + " /api/sources/{id}/test; 400 naming each invalid field.")
    public Response testUnsaved(JsonObject body) {
        SourceFields fields = SourceFields.of(body);
        try {
            SourceDefinition definition = checked(fields);
            return tested(() -> desk.preview(definition, fields.password()));
        } catch (InvalidSourceException e) {
            return invalid(e.problems());
        }
    }

    private interface Preview {
        SourcePreview.Result run() throws SQLException;
    }

    private static Response tested(Preview preview) {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            SourcePreview.Result result = preview.run();
            answer.put("connected", true);
            answer.put("ready", result.ready());
            answer.put("columns", result.columns());
            answer.put("rows", result.rows());
            answer.put("missingColumns", result.missingColumns());
            answer.put("watermarkKind", result.watermarkKind());
            answer.put("problems", result.problems());
        } catch (SQLException | IllegalStateException e) {
            // the source's own words ("password authentication failed", "relation ... does not exist"), or a
            // password sealed under another key: for the ADMIN who defines the source
            answer.put("connected", false);
            answer.put("ready", false);
            answer.put("error", e.getMessage());
        }
        return Response.ok(answer).build();
    }

    @POST
    @Path("{id}/pull")
    @Operation(
            summary = "Pull a data source's new orders now (ADMIN)",
            description = "202 {importId} at once; the pull then runs in the background and appears in GET"
                    + " /api/imports like a CSV import (QUEUED, then SUCCEEDED or FAILED with the reason).")
    public Response pull(@PathParam("id") long id) throws SQLException {
        return desk.startPull(id, security.getUserPrincipal().getName())
                .map(importId -> Response.accepted(Map.of("importId", importId)).build())
                .orElseGet(() -> notFound(id));
    }

    private SourceDefinition checked(SourceFields fields) {
        SourceDefinition definition;
        try {
            definition = desk.definition(fields);
        } catch (InvalidSourceException e) {
            Map<String, String> all = new LinkedHashMap<>(fields.problems());
            e.problems().forEach(all::putIfAbsent);
            throw new InvalidSourceException(all);
        }
        if (!fields.problems().isEmpty()) {
            throw new InvalidSourceException(fields.problems());
        }
        return definition;
    }

    private static Response invalid(Map<String, String> problems) {
        List<Map<String, String>> details = problems.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                .toList();
        String message = "Invalid data source: "
                + String.join(
                        "; ",
                        details.stream()
                                .map(d -> d.get("field") + " " + d.get("message"))
                                .toList());
        return ApiError.response(400, "INVALID_FIELDS", message, details);
    }

    private static Response notFound(long id) {
        return ApiError.response(Response.Status.NOT_FOUND, "NOT_FOUND", "No data source " + id + ".");
    }
}
