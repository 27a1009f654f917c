package dev.rfm.web.run;

import dev.rfm.analytics.run.RunRequest;
import dev.rfm.analytics.run.RunTrigger;
import dev.rfm.analytics.run.ScoringRuns;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /api/runs}: start a scoring run, follow its progress, read the current one, cancel one. */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME}) // reading; changes declare their own
public class RunResource {

    @Inject
    ScoringRuns runs;

    @Inject
    Snapshots snapshots;

    @Context
    SecurityContext security;

    /** The contract's view of a run, plus what else is useful to show. */
    public record RunView(
            long id,
            String status,
            String phase,
            double progress,
            LocalDate referenceDate,
            String startedAt,
            String finishedAt,
            long customersScored,
            String error,
            String trigger,
            String startedBy,
            String profile,
            String modelStatus,
            long prospects,
            String phaseTimings,
            boolean current,
            String scheduledFor,
            String server) {

        static RunView of(RunRecord r) {
            return new RunView(
                    r.id(),
                    r.status().name(),
                    r.phase(),
                    r.progress(),
                    r.referenceDate(),
                    r.startedAt() == null ? null : r.startedAt().toString(),
                    r.finishedAt() == null ? null : r.finishedAt().toString(),
                    r.customersScored(),
                    r.error(),
                    r.trigger(),
                    r.startedBy(),
                    r.profileName(),
                    r.modelStatus(),
                    r.prospects(),
                    r.phaseTimings(),
                    r.current(),
                    r.scheduledFor() == null ? null : r.scheduledFor().toString(),
                    r.server());
        }
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            summary = "Start a scoring run",
            description = "Optional body {\"referenceDate\": \"yyyy-MM-dd\"}: only transactions dated before it count"
                    + " (default today). 202 with the new run's id; 409 with the id of the run already in progress.")
    public Response start(JsonObject body) throws SQLException {
        LocalDate referenceDate = LocalDate.now();
        if (body != null && body.containsKey("referenceDate") && !body.isNull("referenceDate")) {
            try {
                referenceDate = LocalDate.parse(body.getString("referenceDate"));
                if (!ReferenceDates.accepted(referenceDate, LocalDate.now())) {
                    throw new DateTimeParseException("out of range", body.getString("referenceDate"), 0);
                }
            } catch (DateTimeParseException | ClassCastException e) {
                return ApiError.response(
                        400,
                        "BAD_REFERENCE_DATE",
                        "referenceDate must be a date yyyy-MM-dd from " + ReferenceDates.EARLIEST
                                + " to a year from today, was " + body.get("referenceDate"),
                        List.of(Map.of("field", "referenceDate")));
            }
        }
        RunRequest request = runs.request(
                referenceDate, RunTrigger.MANUAL, security.getUserPrincipal().getName());
        return Response.status(request.started() ? 202 : 409)
                .entity(Map.of("runId", request.runId()))
                .build();
    }

    @GET
    @Path("current")
    @Operation(summary = "The current snapshot's run: the last run that succeeded")
    public RunView current() throws SQLException {
        return snapshots
                .currentRun()
                .map(RunView::of)
                .orElseThrow(() ->
                        new NotFoundException("No scoring run has succeeded yet: start one with POST /api/runs."));
    }

    @GET
    @Operation(summary = "The most recent runs, newest first")
    public List<RunView> recent(@QueryParam("limit") @DefaultValue("20") int limit) throws SQLException {
        return snapshots.recentRuns(Math.max(1, Math.min(limit, 200))).stream()
                .map(RunView::of)
                .toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run: status, phase and progress while it works")
    public RunView find(@PathParam("id") long id) throws SQLException {
        return snapshots.run(id).map(RunView::of).orElseThrow(() -> new NotFoundException("No run " + id + "."));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Ask a queued or running run to stop; the previous snapshot stays current")
    public Response cancel(@PathParam("id") long id) throws SQLException {
        if (runs.cancel(id)) return Response.accepted(Map.of("runId", id)).build();
        snapshots.run(id).orElseThrow(() -> new NotFoundException("No run " + id + "."));
        return ApiError.response(Response.Status.CONFLICT, "NOT_RUNNING", "Run " + id + " is not queued or running.");
    }
}
