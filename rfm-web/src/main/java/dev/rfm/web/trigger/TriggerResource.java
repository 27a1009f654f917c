package dev.rfm.web.trigger;

import dev.rfm.analytics.trigger.InvalidTrigger;
import dev.rfm.analytics.trigger.SegmentTrigger;
import dev.rfm.analytics.trigger.SegmentTriggers;
import dev.rfm.analytics.trigger.TriggerBeans;
import dev.rfm.analytics.trigger.TriggerDeliveries;
import dev.rfm.analytics.trigger.TriggerDelivery;
import dev.rfm.analytics.trigger.TriggerEngine;
import dev.rfm.analytics.trigger.TriggerSettings;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import dev.rfm.web.api.JsonFields;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/triggers}: "customers who entered segment S (from T)" posted to a signed webhook and/or written as CSV
 * files after each run (ADMIN, ANALYST). The secret is write-only: no answer ever contains it.
 */
@Path("triggers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
public class TriggerResource {

    private static final Logger LOG = Logger.getLogger(TriggerResource.class.getName());

    @Inject
    SegmentTriggers triggers;

    @Inject
    TriggerDeliveries deliveries;

    @Inject
    TriggerEngine engine;

    @Inject
    TriggerBeans settings;

    @Resource
    ManagedExecutorService executor;

    @Context
    SecurityContext security;

    /** The contract's view of a trigger (without its secret). */
    @JsonbNillable
    public record TriggerView(
            long id,
            String name,
            String scheme,
            String toSegment,
            String fromSegment,
            String webhookUrl,
            String fileDirectory,
            boolean enabled,
            Long campaignId,
            LocalDateTime createdAt,
            String createdBy,
            LocalDateTime updatedAt,
            String updatedBy) {
        static TriggerView of(SegmentTrigger t) {
            TriggerSettings s = t.settings();
            return new TriggerView(
                    t.id(),
                    s.name(),
                    s.scheme(),
                    s.toSegment(),
                    s.fromSegment(),
                    s.webhookUrl(),
                    s.fileDirectory(),
                    s.enabled(),
                    s.campaignId(),
                    t.createdAt(),
                    t.createdBy(),
                    t.updatedAt(),
                    t.updatedBy());
        }
    }

    /** One batch in the delivery log: the contract's fields, then what helps to follow it. */
    @JsonbNillable
    public record DeliveryView(
            long runId,
            int batch,
            String status,
            int attempts,
            String lastError,
            String idempotencyKey,
            int customers,
            LocalDateTime nextAttemptAt,
            LocalDateTime createdAt,
            LocalDateTime deliveredAt,
            long heldOut) {
        static DeliveryView of(TriggerDelivery d) {
            return new DeliveryView(
                    d.runId(),
                    d.batch(),
                    d.status().name(),
                    d.attempts(),
                    d.lastError(),
                    d.idempotencyKey(),
                    d.customers(),
                    d.nextAttemptAt(),
                    d.createdAt(),
                    d.deliveredAt(),
                    d.heldOut());
        }
    }

    @GET
    @Operation(summary = "Every segment-change trigger (ADMIN, ANALYST)")
    public List<TriggerView> all() throws SQLException {
        return triggers.all().stream().map(TriggerView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One trigger (ADMIN, ANALYST)")
    public Response one(@PathParam("id") long id) throws SQLException {
        return triggers.find(id)
                .map(t -> Response.ok(TriggerView.of(t)).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a trigger (ADMIN, ANALYST)",
            description = "Body {name, scheme: standard|cn8|custom|lifecycle, toSegment, fromSegment (optional),"
                    + " webhookUrl (https://; http:// with RFM_WEBHOOK_ALLOW_HTTP=true), secret (write-only, at"
                    + " least 16 characters, required with a webhook), fileDirectory (optional, absolute), enabled"
                    + " (default true), campaignId (optional: that campaign's control group is left out of every"
                    + " batch)}; a webhook or a directory is required. 201; 400 naming each invalid field.")
    public Response create(JsonObject body) throws SQLException {
        try {
            TriggerSettings s = triggers.check(draft(body), settings.allowHttp(), null);
            return Response.status(201)
                    .entity(TriggerView.of(triggers.create(s, caller(), LocalDateTime.now())))
                    .build();
        } catch (InvalidTrigger e) {
            return invalid(e);
        }
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace a trigger (ADMIN, ANALYST)",
            description = "Body as for POST; without a secret the stored one is kept, without a campaignId the trigger"
                    + " works for no campaign. 200; 400; 404.")
    public Response update(@PathParam("id") long id, JsonObject body) throws SQLException {
        if (triggers.find(id).isEmpty()) return notFound(id);
        try {
            TriggerSettings s = triggers.check(draft(body), settings.allowHttp(), id);
            return triggers.update(id, s, caller(), LocalDateTime.now())
                    .map(t -> Response.ok(TriggerView.of(t)).build())
                    .orElseGet(() -> notFound(id));
        } catch (InvalidTrigger e) {
            return invalid(e);
        }
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a trigger with its delivery log (ADMIN, ANALYST)")
    public Response delete(@PathParam("id") long id) throws SQLException {
        return triggers.delete(id) ? Response.noContent().build() : notFound(id);
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(
            summary = "A trigger's delivery log, newest run first (ADMIN, ANALYST)",
            description = "[{runId, batch, status: PENDING|DELIVERED|RETRYING|FAILED, attempts, lastError,"
                    + " idempotencyKey, customers, nextAttemptAt, createdAt, deliveredAt, heldOut (customers of"
                    + " the run left out as the campaign's control group)}], at most limit rows (default 200, at"
                    + " most 1000).")
    public Response deliveries(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("200") int limit)
            throws SQLException {
        if (limit < 1 || limit > 1000) {
            return ApiError.response(
                    400,
                    "INVALID_PARAMETER",
                    "limit must be between 1 and 1000.",
                    List.of(Map.of("field", "limit", "message", "must be between 1 and 1000")));
        }
        if (triggers.find(id).isEmpty()) return notFound(id);
        return Response.ok(
                        deliveries.of(id, limit).stream().map(DeliveryView::of).toList())
                .build();
    }

    @POST
    @Path("{id}/deliveries/{runId}/replay")
    @Operation(
            summary = "Send a trigger's batches of a run again (ADMIN, ANALYST)",
            description = "The same customers under the same idempotency keys, attempts from the start. 202"
                    + " {replayed: batches}; 404 when the trigger or its batches of that run do not exist.")
    public Response replay(@PathParam("id") long id, @PathParam("runId") long runId) throws SQLException {
        if (triggers.find(id).isEmpty()) return notFound(id);
        int replayed = engine.replay(id, runId);
        if (replayed == 0) {
            return ApiError.response(
                    Response.Status.NOT_FOUND, "NOT_FOUND", "Trigger " + id + " has no batches for run " + runId + ".");
        }
        executor.submit(() -> {
            try {
                engine.deliverDue();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "The replay of trigger " + id + " waits for the next tick", e);
            }
        });
        return Response.accepted(Map.of("replayed", replayed)).build();
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private static Response notFound(long id) {
        return ApiError.response(Response.Status.NOT_FOUND, "NOT_FOUND", "No trigger with id " + id + ".");
    }

    private static Response invalid(InvalidTrigger e) {
        return ApiError.response(400, "INVALID_TRIGGER", e.getMessage(), e.problems());
    }

    /** The body as a draft; a field of the wrong JSON type is an invalid field like any other. */
    static TriggerSettings.Draft draft(JsonObject body) {
        JsonFields f = new JsonFields(body);
        TriggerSettings.Draft draft = new TriggerSettings.Draft(
                f.text("name"),
                f.text("scheme"),
                f.text("toSegment"),
                f.text("fromSegment"),
                f.text("webhookUrl"),
                f.text("secret"),
                f.text("fileDirectory"),
                f.flag("enabled"),
                f.id("campaignId", "a campaign's id"));
        List<InvalidTrigger.Problem> wrongType = f.problems(InvalidTrigger.Problem::new);
        if (!wrongType.isEmpty()) throw new InvalidTrigger(wrongType);
        return draft;
    }
}
