package dev.rfm.web.report;

import dev.rfm.domain.user.Role;
import dev.rfm.reports.delivery.DeliveryEngine;
import dev.rfm.reports.delivery.ReportDesk;
import dev.rfm.reports.schedule.FieldProblem;
import dev.rfm.reports.schedule.InvalidSchedule;
import dev.rfm.reports.schedule.ReportSchedule;
import dev.rfm.reports.schedule.ScheduleDraft;
import dev.rfm.reports.schedule.ScheduleSettings;
import dev.rfm.web.api.ApiError;
import dev.rfm.web.api.JsonFields;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /api/reports/schedules}: report schedules (ADMIN, ANALYST); invalid fields answer 400 naming each. */
@Path("reports/schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
public class ReportScheduleResource {

    @Inject
    ReportDesk desk;

    @Context
    SecurityContext security;

    /** The contract's view of a schedule; fields the cadence does not use are null. */
    @JsonbNillable
    public record ScheduleView(
            long id,
            String name,
            String scheme,
            String locale,
            List<String> recipients,
            String cadence,
            String time,
            String dayOfWeek,
            Integer dayOfMonth,
            int topCustomers,
            boolean enabled,
            LocalDateTime createdAt,
            String createdBy,
            LocalDateTime updatedAt,
            String updatedBy) {
        static ScheduleView of(ReportSchedule s) {
            ScheduleDraft d = ScheduleDraft.of(s.settings());
            ScheduleSettings set = s.settings();
            return new ScheduleView(
                    s.id(),
                    set.name(),
                    set.scheme(),
                    set.locale(),
                    set.recipients(),
                    d.cadence(),
                    d.time(),
                    d.dayOfWeek(),
                    set.dayOfMonth(),
                    set.topCustomers(),
                    set.enabled(),
                    s.createdAt(),
                    s.createdBy(),
                    s.updatedAt(),
                    s.updatedBy());
        }
    }

    @GET
    @Operation(summary = "Every report schedule (ADMIN, ANALYST)")
    public List<ScheduleView> all() throws SQLException {
        return desk.schedules().stream().map(ScheduleView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One report schedule (ADMIN, ANALYST)")
    public Response one(@PathParam("id") long id) throws SQLException {
        return desk.schedule(id)
                .map(s -> Response.ok(ScheduleView.of(s)).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a report schedule (ADMIN, ANALYST)",
            description = "Body {name, scheme: standard|cn8|custom|lifecycle, locale: en|zh-CN, recipients: [..],"
                    + " cadence: AFTER_RUN|DAILY|WEEKLY|MONTHLY, time: HH:mm, dayOfWeek: MONDAY.., dayOfMonth: 1-28,"
                    + " topCustomers: 0-100 (default 10), enabled (default true)}. 201; 400 naming each invalid field"
                    + " in details.")
    public Response create(JsonObject body) throws SQLException {
        try {
            return Response.status(201)
                    .entity(ScheduleView.of(desk.create(draft(body), caller())))
                    .build();
        } catch (InvalidSchedule e) {
            return invalid(e);
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a report schedule (ADMIN, ANALYST)", description = "Body as for POST. 200; 400; 404.")
    public Response update(@PathParam("id") long id, JsonObject body) throws SQLException {
        try {
            return Response.ok(ScheduleView.of(desk.update(id, draft(body), caller())))
                    .build();
        } catch (InvalidSchedule e) {
            return invalid(e);
        } catch (ReportDesk.NoSuchSchedule e) {
            return notFound(id);
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a report schedule; its archived reports stay (ADMIN, ANALYST)")
    public Response delete(@PathParam("id") long id) throws SQLException {
        return desk.delete(id) ? Response.noContent().build() : notFound(id);
    }

    @POST
    @Path("{id}/send")
    @Operation(
            summary = "Generate the schedule's report from the current run and send it now (ADMIN, ANALYST)",
            description = "202 {deliveryId}: archived and on its way (see the archive for its status); 404 when the"
                    + " schedule does not exist; 409 when no run has succeeded yet.")
    public Response sendNow(@PathParam("id") long id) throws SQLException {
        try {
            return Response.accepted(Map.of("deliveryId", desk.sendNow(id))).build();
        } catch (ReportDesk.NoSuchSchedule e) {
            return notFound(id);
        } catch (DeliveryEngine.NoRunYet e) {
            return ApiError.response(Response.Status.CONFLICT, "NO_RUN", e.getMessage());
        }
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private static Response notFound(long id) {
        return ApiError.response(Response.Status.NOT_FOUND, "NOT_FOUND", "No report schedule with id " + id + ".");
    }

    private static Response invalid(InvalidSchedule e) {
        return ApiError.response(400, "INVALID_SCHEDULE", e.getMessage(), e.problems());
    }

    /** The body as a draft; a field of the wrong JSON type is an invalid field like any other. */
    static ScheduleDraft draft(JsonObject body) {
        JsonFields f = new JsonFields(body);
        ScheduleDraft draft = new ScheduleDraft(
                f.text("name"),
                f.text("scheme"),
                f.text("locale"),
                f.texts("recipients", "e-mail addresses"),
                f.text("cadence"),
                f.text("time"),
                f.text("dayOfWeek"),
                f.wholeNumber("dayOfMonth"),
                f.wholeNumber("topCustomers"),
                f.flag("enabled"));
        List<FieldProblem> wrongType = f.problems(FieldProblem::new);
        if (wrongType.isEmpty()) return draft;
        List<FieldProblem> all = new ArrayList<>(wrongType);
        try {
            draft.settings();
        } catch (InvalidSchedule e) {
            e.problems().stream()
                    .filter(p -> wrongType.stream().noneMatch(w -> w.field().equals(p.field())))
                    .forEach(all::add);
        }
        throw new InvalidSchedule(all);
    }
}
