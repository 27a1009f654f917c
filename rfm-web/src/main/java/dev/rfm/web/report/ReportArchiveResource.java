package dev.rfm.web.report;

import dev.rfm.domain.user.Role;
import dev.rfm.reports.delivery.ArchivedReport;
import dev.rfm.reports.delivery.ReportDesk;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /api/reports/archive}: every archived report with its delivery status, and its PDF (any role). */
@Path("reports/archive")
@RequestScoped
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME})
public class ReportArchiveResource {

    static final int MAX_SIZE = 500;

    @Inject
    ReportDesk desk;

    /** The contract's view of an archived report; {@code error} is null unless an attempt failed or mail is off. */
    @JsonbNillable
    public record ArchiveView(
            long id,
            Long scheduleId,
            String scheduleName,
            long runId,
            String scheme,
            String locale,
            LocalDateTime createdAt,
            String status,
            List<String> recipients,
            int attempts,
            String error,
            LocalDateTime sentAt) {
        static ArchiveView of(ArchivedReport r) {
            return new ArchiveView(
                    r.id(),
                    r.scheduleId(),
                    r.scheduleName(),
                    r.runId(),
                    r.scheme(),
                    r.locale(),
                    r.createdAt(),
                    r.status().name(),
                    r.recipients(),
                    r.attempts(),
                    r.error(),
                    r.sentAt());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Archived reports, newest first (any role)",
            description = "status PENDING|SENT|RETRYING|FAILED, or ARCHIVED when mail is switched off or not"
                    + " configured (error says which).")
    public Response page(
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size)
            throws SQLException {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            return ApiError.response(
                    Response.Status.BAD_REQUEST, "BAD_REQUEST", "page must be 0 or more and size 1–" + MAX_SIZE + ".");
        }
        return Response.ok(
                        desk.archive(page, size).stream().map(ArchiveView::of).toList())
                .build();
    }

    @GET
    @Path("{id}.pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(summary = "The archived PDF of a report (any role)")
    public Response pdf(@PathParam("id") long id) throws SQLException {
        return desk.pdf(id)
                .map(pdf -> Response.ok(pdf, "application/pdf")
                        .header("Content-Disposition", "attachment; filename=\"rfm-report-" + id + ".pdf\"")
                        .build())
                .orElseGet(() -> ApiError.response(
                        Response.Status.NOT_FOUND, "NOT_FOUND", "No archived report with id " + id + "."));
    }
}
