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
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
        JsonObject b = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        List<FieldProblem> wrongType = new ArrayList<>();
        ScheduleDraft draft = new ScheduleDraft(
                text(b, "name", wrongType),
                text(b, "scheme", wrongType),
                text(b, "locale", wrongType),
                list(b, "recipients", wrongType),
                text(b, "cadence", wrongType),
                text(b, "time", wrongType),
                text(b, "dayOfWeek", wrongType),
                number(b, "dayOfMonth", wrongType),
                number(b, "topCustomers", wrongType),
                flag(b, "enabled", wrongType));
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

    private static String text(JsonObject b, String field, List<FieldProblem> wrong) {
        JsonValue v = b.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
        if (v instanceof JsonString s) return s.getString();
        wrong.add(new FieldProblem(field, "must be a string"));
        return null;
    }

    private static Integer number(JsonObject b, String field, List<FieldProblem> wrong) {
        JsonValue v = b.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
        if (v instanceof JsonNumber n && n.isIntegral()) return n.intValue();
        wrong.add(new FieldProblem(field, "must be a whole number"));
        return null;
    }

    private static Boolean flag(JsonObject b, String field, List<FieldProblem> wrong) {
        JsonValue v = b.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) return v == JsonValue.TRUE;
        wrong.add(new FieldProblem(field, "must be true or false"));
        return null;
    }

    private static List<String> list(JsonObject b, String field, List<FieldProblem> wrong) {
        JsonValue v = b.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
        if (v.getValueType() == JsonValue.ValueType.ARRAY
                && v.asJsonArray().stream().allMatch(e -> e instanceof JsonString)) {
            return v.asJsonArray().getValuesAs(JsonString::getString);
        }
        wrong.add(new FieldProblem(field, "must be a list of e-mail addresses"));
        return null;
    }
}
